using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// What this build's migrations find in the database, without a failed query on a fresh one and without starting EF
/// Core. Npgsql's history repository answers "exists" for every database and lets the read of a missing history table
/// fail (EF Core logs that failure as an Error, twice on a first start: npgsql/efcore.pg#3407). An empty database is not
/// an error: these look the table up first (<c>to_regclass</c>, through the same search path its unqualified name is
/// created in) and create it before EF Core migrates. The check itself is two plain queries on the data source: start-up
/// and every readiness probe run it, and EF Core's first use (its services and model, ~0.6 s) is not needed for it.
/// </summary>
internal static class MigrationState
{
    /// <summary>The ids of this build's migrations, read once from their attributes (what EF Core's GetMigrations answers).</summary>
    public static IReadOnlySet<string> Known { get; } = typeof(CleanVisitorsDbContext).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(CleanVisitorsDbContext))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>How many of this build's migrations the database lacks.</summary>
    public static async Task<int> PendingCountAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await HistoryExistsAsync(connection, cancellationToken))
        {
            return Known.Count;
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand($"SELECT migration_id FROM \"{CleanVisitorsDbContext.MigrationsHistoryTable}\"", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return Known.Count(id => !applied.Contains(id));
    }

    /// <summary>Creates the history table when it is missing, so that EF Core's migrator never reads a missing one.</summary>
    public static async Task EnsureHistoryTableAsync(this DbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await HistoryExistsAsync(connection, cancellationToken))
        {
            await using var create = new NpgsqlCommand(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<bool> HistoryExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand(HistoryExistsSql, connection);
        return await exists.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static readonly string HistoryExistsSql = $"SELECT to_regclass('\"{CleanVisitorsDbContext.MigrationsHistoryTable}\"') IS NOT NULL";
}
