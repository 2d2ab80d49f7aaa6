using CleanVisitors.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>The Npgsql connection settings: <c>DATABASE_URL</c>, the pool size, and timeouts that fail fast.</summary>
public static class DatabaseConnection
{
    /// <summary>Seconds to wait for a new connection on the request path, unless DATABASE_URL says otherwise.</summary>
    public const int DefaultConnectTimeoutSeconds = 1;

    public const int DefaultCommandTimeoutSeconds = 15;

    public static NpgsqlConnectionStringBuilder Build(IConfiguration configuration)
    {
        var raw = configuration.Setting("DATABASE_URL");
        var connection = DatabaseUrl.Parse(raw);
        connection.MaxPoolSize = Math.Max(1, configuration.Number("DB_POOL_SIZE", 100));
        if (raw!.Contains("timeout", StringComparison.OrdinalIgnoreCase) is false)
        {
            connection.Timeout = DefaultConnectTimeoutSeconds;
            connection.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        connection.ApplicationName ??= "cleanvisitors-api";
        return connection;
    }
}
