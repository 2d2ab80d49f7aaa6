using System.Collections.Concurrent;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Infrastructure.Identity;

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
