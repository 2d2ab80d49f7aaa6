namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>
/// A message waiting to leave the process, written in the same transaction as the change that raised it. Its id
/// is the domain event's id, which is also the broker message id: consumers deduplicate on it.
/// </summary>
public sealed class OutboxMessage
{
    public const int TypeMaxLength = 200;

    /// <summary>A W3C <c>traceparent</c> is 55 characters; <c>tracestate</c> is bounded at 512 by the specification.</summary>
    public const int TraceParentMaxLength = 55;
    public const int TraceStateMaxLength = 512;

    public Guid Id { get; init; }

    /// <summary>The message's CLR type name (see <see cref="OutboxMessageTypes"/>).</summary>
    public required string Type { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>
    /// The W3C trace context of the work that wrote the row (the request, the job), so the publish, the broker hop, the
    /// consumer and the WhatsApp call continue its trace; null when there was none.
    /// </summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
