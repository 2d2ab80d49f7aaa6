using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;
using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>The broker and how its consumers retry.</summary>
public sealed class MessagingOptions
{
    /// <summary><c>RABBITMQ_URL</c>: <c>amqp://user:password@host:5672/vhost</c>; unset, the in-memory transport.</summary>
    [ConfigurationKeyName("RABBITMQ_URL")]
    public string? RabbitMqUrl { get; set; }

    /// <summary><c>NOTIFICATION_RETRY_LIMIT</c>: redeliveries of a failed notification before it is dead-lettered.</summary>
    [ConfigurationKeyName("NOTIFICATION_RETRY_LIMIT")]
    public int RetryLimit { get; set; } = 5;

    /// <summary><c>NOTIFICATION_RETRY_MIN_MS</c>: the first redelivery's delay.</summary>
    [ConfigurationKeyName("NOTIFICATION_RETRY_MIN_MS")]
    public int RetryMinMs { get; set; } = 1000;

    /// <summary><c>NOTIFICATION_RETRY_MAX_MS</c>: the longest redelivery delay (at least the first's).</summary>
    [ConfigurationKeyName("NOTIFICATION_RETRY_MAX_MS")]
    public int RetryMaxMs { get; set; } = 30_000;

    /// <summary><c>CONSUMER_CONCURRENCY</c>: messages each consumer handles at once.</summary>
    [ConfigurationKeyName("CONSUMER_CONCURRENCY")]
    public int ConcurrentMessageLimit { get; set; } = 8;

    public TimeSpan RetryMinInterval => TimeSpan.FromMilliseconds(RetryMinMs);

    public TimeSpan RetryMaxInterval => TimeSpan.FromMilliseconds(Math.Max(RetryMinMs, RetryMaxMs));

    /// <summary>The broker's address in its parts, or null for the in-memory transport.</summary>
    public RabbitMqUrl? Broker() => RabbitMqUrl is null ? null : Messaging.RabbitMqUrl.Parse(RabbitMqUrl);
}

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
