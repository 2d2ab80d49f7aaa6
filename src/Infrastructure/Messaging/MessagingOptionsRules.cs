using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Messaging;

public sealed class MessagingOptionsRules : SettingsRules<MessagingOptions>
{
    public MessagingOptionsRules()
    {
        RuleFor(o => o.RabbitMqUrl).Must(url => url is null || Parses(url))
            .WithMessage("is not an amqp:// URL: expected amqp://user:password@host:5672/vhost.");
        RuleFor(o => o.RabbitMqUrl).NotNull().WithSeverity(Severity.Warning)
            .WithMessage("is not set: messages go through the in-memory transport and are lost on restart; set amqp://user:password@host:5672/vhost.");
        Between(o => o.RetryLimit, 0, 100);
        Between(o => o.RetryMinMs, 10, 3_600_000);
        Between(o => o.RetryMaxMs, 10, 3_600_000);
        Between(o => o.ConcurrentMessageLimit, 1, 1000);
    }

    private static bool Parses(string url)
    {
        try
        {
            Messaging.RabbitMqUrl.Parse(url);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
