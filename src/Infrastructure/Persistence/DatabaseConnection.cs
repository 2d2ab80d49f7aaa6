using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// The Npgsql connection settings: <c>DATABASE_URL</c>, the pool (<c>DB_POOL_SIZE</c>, <c>DB_POOL_MIN_SIZE</c>), timeouts,
/// and what makes each use of a pooled connection cheap for PostgreSQL.
/// </summary>
public static class DatabaseConnection
{
    /// <summary>
    /// Seconds to wait for a connection (a free pooled one, or a new one) unless DATABASE_URL says otherwise. A database
    /// that is gone refuses at once (→ 503 in milliseconds); this bound is for a server that is only slow to fork a backend
    /// (a busy machine while the pool grows), which must not turn into 503s.
    /// </summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    public const int DefaultCommandTimeoutSeconds = 15;

    /// <summary>Connections opened before the port opens and kept open, so a first burst does not wait for new backends.</summary>
    public const int DefaultMinPoolSize = 10;

    /// <summary>Statements prepared per connection: the service has a few dozen distinct ones, so all of them fit.</summary>
    public const int MaxAutoPrepare = 256;

    public static NpgsqlConnectionStringBuilder Build(DatabaseOptions options)
    {
        var raw = options.Url;
        var connection = DatabaseUrl.Parse(raw);
        connection.MaxPoolSize = options.PoolSize;
        connection.MinPoolSize = Math.Clamp(options.MinPoolSize, 0, connection.MaxPoolSize);
        if (raw!.Contains("timeout", StringComparison.OrdinalIgnoreCase) is false)
        {
            connection.Timeout = DefaultConnectTimeoutSeconds;
            connection.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        // PostgreSQL parses and plans a statement once per connection instead of on every use...
        if (raw.Contains("auto prepare", StringComparison.OrdinalIgnoreCase) is false)
        {
            connection.MaxAutoPrepare = MaxAutoPrepare;
            connection.AutoPrepareMinUsages = 2;
        }

        // ...and a connection handed back to the pool is not reset (DISCARD ALL) before its next use. Nothing in the service
        // leaves session state behind: no SET, no temporary tables, no LISTEN; the job lock unlocks explicitly, and a
        // connection returned inside a transaction is still rolled back by Npgsql.
        connection.NoResetOnClose = true;
        connection.ApplicationName ??= "cleanvisitors-api";
        return connection;
    }

    /// <summary>
    /// Opens <see cref="NpgsqlConnectionStringBuilder.MinPoolSize"/> connections at once and returns them to the pool, where
    /// Npgsql keeps them: the first requests after start-up find them ready.
    /// </summary>
    public static async Task WarmPoolAsync(NpgsqlDataSource dataSource, int count, CancellationToken cancellationToken)
    {
        var connections = new List<NpgsqlConnection>(count);
        try
        {
            var opening = Enumerable.Range(0, count).Select(_ => dataSource.OpenConnectionAsync(cancellationToken).AsTask()).ToArray();
            try
            {
                await Task.WhenAll(opening);
            }
            finally
            {
                connections.AddRange(opening.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
