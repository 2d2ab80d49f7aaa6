using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// What this build's migrations find in the database, without a failed query on a fresh one. Npgsql's history
/// repository answers "exists" for every database and lets the read of a missing history table fail (EF Core logs that
/// failure as an Error, twice on a first start: npgsql/efcore.pg#3407). An empty database is not an error: these look
/// the table up first (<c>to_regclass</c>, through the same search path its unqualified name is created in) and create
/// it before EF Core migrates.
/// </summary>
internal static class MigrationState
{
    /// <summary>How many of this build's migrations the database lacks.</summary>
    public static async Task<int> PendingCountAsync(this DbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (!await HistoryExistsAsync(db, cancellationToken))
        {
            return known.Count;
        }

        var applied = await db.GetService<IHistoryRepository>().GetAppliedMigrationsAsync(cancellationToken);
        return known.Count(id => !applied.Any(a => a.MigrationId == id));
    }

    /// <summary>Creates the history table when it is missing, so that EF Core's migrator never reads a missing one.</summary>
    public static async Task EnsureHistoryTableAsync(this DbContext db, CancellationToken cancellationToken)
    {
        if (!await HistoryExistsAsync(db, cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }
    }

    private static async Task<bool> HistoryExistsAsync(DbContext db, CancellationToken cancellationToken)
    {
        var quoted = $"\"{CleanVisitorsDbContext.MigrationsHistoryTable}\"";
        return await db.Database.SqlQuery<bool>($"SELECT to_regclass({quoted}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);
    }
}
