namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// The outbox, for the scheduled jobs that write or publish messages themselves rather than through domain events
/// saved with <see cref="IApplicationDbContext"/>.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Writes <paramref name="message"/> as an outbox row with the id <paramref name="messageId"/> unless a row with that
    /// id exists; true when it was written. A deterministic id makes the write idempotent.
    /// </summary>
    Task<bool> AddOnceAsync(Guid messageId, object message, DateTimeOffset occurredAt, CancellationToken cancellationToken);

    /// <summary>Publishes every pending row now, whatever its back-off schedule says; answers how many went out.</summary>
    Task<int> PublishPendingAsync(CancellationToken cancellationToken);
}
