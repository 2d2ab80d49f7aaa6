using CleanVisitors.Infrastructure;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Testcontainers.PostgreSql;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL database for one test run, from (in order) <c>TEST_DATABASE_URL</c> (a fresh, uniquely named
/// database is created on that server and dropped afterwards), else a Testcontainers PostgreSQL when a Docker
/// engine answers, else a failure that says how to provide one. It never skips silently.
/// <see cref="CreateMigratedAsync"/> gives one with every migration applied, cloned from a template database that this
/// test run migrates once (<c>CREATE DATABASE … TEMPLATE …</c>: a file copy, where migrating took seconds per database).
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

    /// <summary>An empty database: for the tests of what the service does on a database it has never seen.</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(migrated: false);

    /// <summary>A database with every migration applied (and nothing else: the service seeds it when it starts).</summary>
    public static Task<TestDatabase> CreateMigratedAsync() => CreateAsync(migrated: true);

    private static async Task<TestDatabase> CreateAsync(bool migrated)
    {
        var url = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            var server = DatabaseUrl.Parse(url);
            var name = $"cv_test_{Guid.NewGuid():N}";
            var template = migrated ? await Template.Value : null;
            await ExecuteAsync(server.ConnectionString, template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
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

        var created = new TestDatabase(container.GetConnectionString(), null, container);
        if (migrated)
        {
            await MigrateAsync(created.ConnectionString);
        }

        return created;
    }

    /// <summary>
    /// The name of this test run's template database on the <c>TEST_DATABASE_URL</c> server, created and migrated by the
    /// first test that asks (through the service's own <see cref="DatabaseInitializer.MigrateAsync"/>), and dropped
    /// when the test process exits.
    /// </summary>
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    private static async Task<string> CreateTemplateAsync()
    {
        var server = DatabaseUrl.Parse(Environment.GetEnvironmentVariable("TEST_DATABASE_URL")!);
        var name = $"cv_template_{Guid.NewGuid():N}";
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE \"{name}\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        var template = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        await MigrateAsync(template.ConnectionString);
        // A template is copied only while no session is connected to it: end those the migration's pool kept open.
        await ExecuteAsync(server.ConnectionString, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return name;
    }

    private static async Task MigrateAsync(string connectionString)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DATABASE_URL"] = connectionString,
            ["JWT_SECRET"] = ApiFactory.JwtSecret,
            ["DB_POOL_MIN_SIZE"] = "0",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        services.AddInfrastructure(configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
