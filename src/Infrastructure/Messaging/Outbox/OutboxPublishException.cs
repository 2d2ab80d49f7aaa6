namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>A batch in which the broker did not take some messages; the others went out and are marked dispatched.</summary>
public sealed class OutboxPublishException(int published, Exception innerException)
    : Exception($"{published} messages of the batch were published; a publish failed: {innerException.Message}", innerException)
{
    public int Published { get; } = published;
}
