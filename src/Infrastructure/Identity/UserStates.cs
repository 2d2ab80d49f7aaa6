using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CleanVisitors.Domain.Users;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>What an access token is checked against on every request: is the user active, in which role, with which security stamp.</summary>
public sealed record UserState(bool IsActive, UserRole Role, Guid SecurityStamp);

/// <summary>
/// The users' current states, read from the database at most once per user every <see cref="MaxAge"/> on each
/// instance, and dropped at once on the instance that changes a user (<see cref="UserStateInvalidation"/>). So a
/// token stops working at once where the change was made and within <see cref="MaxAge"/> everywhere else, for one
/// cheap read per active user every few seconds (ADR 006).
/// </summary>
public sealed class UserStates(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private static readonly Func<CleanVisitorsDbContext, Guid, CancellationToken, Task<UserState?>> StateOf = EF.CompileAsyncQuery(
        (CleanVisitorsDbContext db, Guid id, CancellationToken _) =>
            db.Users.Where(u => u.Id == id).Select(u => new UserState(u.IsActive, u.Role, u.SecurityStamp)).FirstOrDefault());

    // One entry per user who presented a validly signed token: bounded by the number of users.
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>The user's state as of at most <see cref="MaxAge"/> ago; null when there is no such user.</summary>
    public async ValueTask<UserState?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(userId, out var entry) && !entry.Dropped && time.GetElapsedTime(entry.ReadAt) < MaxAge)
        {
            return entry.State;
        }

        // Stamped before the read: a change that lands during the read is never served for longer than MaxAge.
        var readAt = time.GetTimestamp();
        UserState? state;
        await using (var scope = scopes.CreateAsyncScope())
        {
            state = await StateOf(scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>(), userId, cancellationToken);
        }

        var fresh = new Entry(state, readAt, Dropped: false);
        // A drop newer than this read wins: the read may have seen the state from before the change.
        _entries.AddOrUpdate(userId, fresh, (_, existing) => existing.ReadAt > readAt ? existing : fresh);
        return state;
    }

    /// <summary>Forgets the user's state: the next request reads it afresh.</summary>
    public void Drop(Guid userId) => _entries[userId] = new Entry(null, time.GetTimestamp(), Dropped: true);

    private sealed record Entry(UserState? State, long ReadAt, bool Dropped);
}

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
