using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Notifications.WhatsApp;

public sealed class WhatsAppOptionsRules : SettingsRules<WhatsAppOptions>
{
    public WhatsAppOptionsRules()
    {
        RuleFor(o => o.ApiUrl).Must(url => url is null || IsHttpUrl(url))
            .WithMessage("is not an absolute URL such as https://api.provider.example/v1.");
        // Not bound to one variable: the message names the missing ones.
        RuleFor(o => o.ApiToken).Must((o, _) => o.ApiUrl is not null && o.ApiToken is not null).WithSeverity(Severity.Warning)
            .OverridePropertyName("WhatsApp")
            .WithMessage(o => $"{string.Join(", ", Missing(o))} not set: WhatsApp notifications are recorded as Skipped, not sent.");
        Between(o => o.TimeoutMs, 100, 600_000);
        Between(o => o.HttpRetries, 0, 10);
        Between(o => o.RetryDelayMs, 1, 600_000);
    }

    private static IEnumerable<string> Missing(WhatsAppOptions o) =>
        new[] { ("WHATSAPP_API_URL", o.ApiUrl), ("WHATSAPP_API_TOKEN", o.ApiToken) }.Where(s => s.Item2 is null).Select(s => s.Item1);
}
