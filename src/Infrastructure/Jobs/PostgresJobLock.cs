using CleanVisitors.Application.Common.Interfaces;
using Npgsql;

namespace CleanVisitors.Infrastructure.Jobs;

/// <summary>
/// A PostgreSQL session advisory lock per job, <c>pg_try_advisory_lock(hashtext('cleanvisitors.job.' || name))</c>, taken
/// on a connection of its own that is held open for the run: every instance sharing the database sees it, and it goes
/// away with the session if the process dies. Releasing unlocks and returns the connection to the pool (whose reset
/// would drop the lock anyway).
/// </summary>
public sealed class PostgresJobLock(NpgsqlDataSource dataSource) : IJobLock
{
    public const string KeyPrefix = "cleanvisitors.job.";

    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var acquired = false;
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@key))", connection);
            command.Parameters.AddWithValue("key", KeyPrefix + job);
            acquired = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            return acquired ? new HeldLock(connection, KeyPrefix + job) : null;
        }
        finally
        {
            if (!acquired)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class HeldLock(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@key))", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
