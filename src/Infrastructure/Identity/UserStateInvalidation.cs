using System.Runtime.CompilerServices;
using CleanVisitors.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>
/// Drops the cached state of every user a save changes, before the save and again after it, so that no request on
/// this instance is judged by the state from before the change once the save has returned.
/// </summary>
public sealed class UserStateInvalidation(UserStates states) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Guid[]> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries<User>()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.Id)
            .ToArray();
        if (changed.Length > 0)
        {
            _saving.AddOrUpdate(context, changed);
            Drop(changed);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _saving.TryGetValue(context, out var changed))
        {
            _saving.Remove(context);
            Drop(changed);
        }
    }

    private void Drop(Guid[] users)
    {
        foreach (var id in users)
        {
            states.Drop(id);
        }
    }
}
