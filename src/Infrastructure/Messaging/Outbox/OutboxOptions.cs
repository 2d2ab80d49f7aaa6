using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary><c>OUTBOX_BATCH_SIZE</c>: rows claimed and published per transaction.</summary>
    [ConfigurationKeyName("OUTBOX_BATCH_SIZE")]
    public int BatchSize { get; set; } = 100;

    /// <summary><c>OUTBOX_POLL_INTERVAL_MS</c>: how often to look for rows when nothing woke the dispatcher (other instances' rows, retries).</summary>
    [ConfigurationKeyName("OUTBOX_POLL_INTERVAL_MS")]
    public int PollIntervalMs { get; set; } = 2000;

    /// <summary><c>OUTBOX_RETENTION_HOURS</c>: dispatched rows are deleted after this long.</summary>
    [ConfigurationKeyName("OUTBOX_RETENTION_HOURS")]
    public int RetentionHours { get; set; } = 72;

    /// <summary><c>OUTBOX_REDELIVERY_SECONDS</c>: without a broker, when a message not yet consumed is published again.</summary>
    [ConfigurationKeyName("OUTBOX_REDELIVERY_SECONDS")]
    public int RedeliverySeconds { get; set; } = 120;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);

    public TimeSpan RedeliverAfter => TimeSpan.FromSeconds(RedeliverySeconds);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Without a broker (no <c>RABBITMQ_URL</c>): a row counts as dispatched only once its consumer finished with it
    /// (<see cref="OutboxConsumptionObserver"/>), and is published again after <see cref="RedeliverAfter"/> until then.
    /// </summary>
    public bool KeepUntilConsumed { get; set; }
}
