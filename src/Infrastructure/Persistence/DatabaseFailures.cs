using System.Net.Sockets;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>Tells an unreachable database (→ 503, try again) from a bug (→ 500).</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // Server-side: only "cannot connect now", "too many connections", admin shutdown, etc.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "53300" or "57P01" or "57P02" or "57P03";
                case NpgsqlException:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
