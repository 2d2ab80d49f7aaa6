using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>PostgreSQL: where it is, the pool, slow statements and migrations at start-up.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>DATABASE_URL</c>: <c>postgresql://user:password@host:5432/database</c>, or an Npgsql connection string.</summary>
    [ConfigurationKeyName("DATABASE_URL")]
    public string? Url { get; set; }

    /// <summary><c>DB_POOL_SIZE</c>: the most connections the service opens.</summary>
    [ConfigurationKeyName("DB_POOL_SIZE")]
    public int PoolSize { get; set; } = 100;

    /// <summary><c>DB_POOL_MIN_SIZE</c>: connections opened before the port opens and kept open (at most the pool size).</summary>
    [ConfigurationKeyName("DB_POOL_MIN_SIZE")]
    public int MinPoolSize { get; set; } = DatabaseConnection.DefaultMinPoolSize;

    /// <summary><c>SLOW_QUERY_THRESHOLD_MS</c>: a statement slower than this is logged as a Warning (0: every statement).</summary>
    [ConfigurationKeyName("SLOW_QUERY_THRESHOLD_MS")]
    public int SlowQueryThresholdMs { get; set; } = 200;

    /// <summary><c>RUN_MIGRATIONS_AT_STARTUP</c>: whether a serving instance migrates before it listens.</summary>
    [ConfigurationKeyName("RUN_MIGRATIONS_AT_STARTUP")]
    public bool RunMigrationsAtStartup { get; set; } = true;
}
