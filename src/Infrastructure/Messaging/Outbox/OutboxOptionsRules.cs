using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

public sealed class OutboxOptionsRules : SettingsRules<OutboxOptions>
{
    public OutboxOptionsRules()
    {
        Between(o => o.BatchSize, 1, 10_000);
        Between(o => o.PollIntervalMs, 50, 3_600_000);
        Between(o => o.RetentionHours, 1, 24 * 365);
        Between(o => o.RedeliverySeconds, 1, 86400);
    }
}
