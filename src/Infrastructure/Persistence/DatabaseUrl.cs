using System.Globalization;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// Reads <c>DATABASE_URL</c> in either form the Node service accepted: a <c>postgresql://user:pass@host:port/db?sslmode=…</c>
/// URI, or an Npgsql keyword string (<c>Host=…;Username=…</c>).
/// </summary>
public static class DatabaseUrl
{
    public static NpgsqlConnectionStringBuilder Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FormatException("DATABASE_URL is empty: set it to postgresql://user:password@host:5432/database or Host=…;Username=…;Password=…;Database=….");
        }

        return value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUri(value)
            : FromKeywords(value);
    }

    /// <summary>The connection string with its password hidden, for logs and error messages.</summary>
    public static string Masked(NpgsqlConnectionStringBuilder builder)
    {
        var copy = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        if (!string.IsNullOrEmpty(copy.Password))
        {
            copy.Password = "***";
        }

        return copy.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder FromUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("DATABASE_URL is not a valid postgresql:// URI: expected postgresql://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]).ToLowerInvariant();
            var val = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = val.ToLowerInvariant() switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" or "no-verify" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new FormatException($"DATABASE_URL has an unknown sslmode '{val}': use disable, prefer, require, verify-ca or verify-full."),
                    };
                    break;
                case "connect_timeout":
                    builder.Timeout = ParseInt(key, val);
                    break;
                case "application_name":
                    builder.ApplicationName = val;
                    break;
                case "schema":
                case "search_path":
                    builder.SearchPath = val;
                    break;
                default:
                    // Parameters Npgsql does not know (e.g. Prisma's connection_limit, pgbouncer) are ignored, as they were harmless before.
                    break;
            }
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string value)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new FormatException("DATABASE_URL names no Host: expected postgresql://user:password@host:5432/database or Host=…;Username=….");
            }

            return builder;
        }
        catch (ArgumentException)
        {
            throw new FormatException("DATABASE_URL is neither a postgresql:// URI nor a valid keyword connection string.");
        }
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"DATABASE_URL parameter {key} must be a whole number.");
}
