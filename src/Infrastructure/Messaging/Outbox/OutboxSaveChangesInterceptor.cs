using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>Wakes the outbox dispatcher when a save that wrote outbox rows has gone through.</summary>
public sealed class OutboxSaveChangesInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.DispatchedAt is null) == true)
        {
            signal.Notify();
        }

        return ValueTask.FromResult(result);
    }
}
