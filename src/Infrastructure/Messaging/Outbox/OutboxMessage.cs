namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>
/// A message waiting to leave the process, written in the same transaction as the change that raised it. Its id
/// is the domain event's id, which is also the broker message id: consumers deduplicate on it.
/// </summary>
public sealed class OutboxMessage
{
    public const int TypeMaxLength = 200;

    public Guid Id { get; init; }

    /// <summary>The message's CLR type name (see <see cref="OutboxMessageTypes"/>).</summary>
    public required string Type { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
