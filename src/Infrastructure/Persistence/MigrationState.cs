using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanVisitors.Infrastructure.Persistence;

internal static class MigrationState
{
    /// <summary>
    /// How many of this build's migrations the database lacks. Looks for the history table first, so a fresh
    /// database does not log a failed query (EF's own check queries the table blindly).
    /// </summary>
    public static async Task<int> PendingCountAsync(this DbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (!await history.ExistsAsync(cancellationToken))
        {
            return known.Count;
        }

        var applied = await history.GetAppliedMigrationsAsync(cancellationToken);
        return known.Count(id => !applied.Any(a => a.MigrationId == id));
    }
}
