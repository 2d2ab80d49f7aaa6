using CleanVisitors.Infrastructure.Persistence;
using Npgsql;
using Testcontainers.PostgreSql;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL database for one test run, from (in order) <c>TEST_DATABASE_URL</c> (a fresh, uniquely named
/// database is created on that server and dropped afterwards), else a Testcontainers PostgreSQL when a Docker
/// engine answers, else a failure that says how to provide one. It never skips silently.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string HowToProvide =
        "Integration tests need PostgreSQL. Run ./test.sh (it starts a throwaway local cluster), or set " +
        "TEST_DATABASE_URL=postgresql://user:password@host:5432/postgres (a role allowed to CREATE DATABASE), " +
        "or start a Docker engine so Testcontainers can run postgres:16.";

    private readonly NpgsqlConnectionStringBuilder? _server;
    private readonly PostgreSqlContainer? _container;

    private TestDatabase(string connectionString, NpgsqlConnectionStringBuilder? server, PostgreSqlContainer? container)
    {
        ConnectionString = connectionString;
        _server = server;
        _container = container;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var url = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            var server = DatabaseUrl.Parse(url);
            var name = $"cv_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
            return new TestDatabase(database.ConnectionString, server, null);
        }

        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(HowToProvide + " (Docker: " + ex.Message + ")", ex);
        }

        return new TestDatabase(container.GetConnectionString(), null, container);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
            return;
        }

        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await using var connection = new NpgsqlConnection(_server.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
