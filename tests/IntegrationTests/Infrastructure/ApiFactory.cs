using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// The whole API in-process (<see cref="WebApplicationFactory{TEntryPoint}"/>) on a real PostgreSQL database.
/// One per test collection; <see cref="ResetAsync"/> empties every table and re-seeds the first Admin and the default site.
/// Not sealed: the messaging tests derive factories that add a broker and a WhatsApp fake (<see cref="InitializeAsync"/>
/// runs after they have prepared their settings), or that join another factory's database (<see cref="ConnectionString"/>).
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@cleanvisitors.test";
    public const string AdminPassword = "admin-password-for-tests";
    public const string JwtSecret = "integration-tests-secret-0123456789abcdef";

    private TestDatabase? _database;
    private Respawner? _respawner;

    public virtual string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>
    /// True: the host starts on an empty database and migrates it itself (the first-start tests). Otherwise the database
    /// is a copy of one migrated already (<see cref="TestDatabase.CreateMigratedAsync"/>), and the host finds nothing pending.
    /// </summary>
    protected virtual bool StartsOnAnEmptyDatabase => false;

    /// <summary>Extra settings a derived fixture or a test class wants (environment variable names).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    public virtual async Task InitializeAsync()
    {
        _database = StartsOnAnEmptyDatabase ? await TestDatabase.CreateAsync() : await TestDatabase.CreateMigratedAsync();
        _ = Server; // starts the host: migrations and seeding run now
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history"],
            // DELETE, children first (Respawn orders the tables by their foreign keys), instead of Respawn's default TRUNCATE
            // … CASCADE for PostgreSQL: a test leaves a few rows, and TRUNCATE gives every table and index a new file and
            // makes every pooled connection of the host reload its catalogue and plans (ADR 015).
            FormatDeleteStatement = table => $"DELETE FROM \"{table.Schema}\".\"{table.Name}\";",
        });
    }

    public async Task ResetAsync()
    {
        // The outbox dispatcher and the notification consumer keep working in the background, so emptying the
        // tables can deadlock with them, or meet a row one of them wrote after its table was emptied but before its
        // parent's was (a foreign key violation); the statement then rolls back whole, and the reset simply tries again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                await _respawner!.ResetAsync(connection);
                break;
            }
            catch (PostgresException ex) when ((ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.ForeignKeyViolation) && attempt < 5)
            {
                // Try again: the aborted side's locks are released, and what the other side wrote is there to delete.
            }
        }

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().SeedAsync(CancellationToken.None);
    }

    public async Task<HttpClient> ClientForAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var login = await response.Content.ReadFromJsonAsync<LoginBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!.AccessToken);
        return client;
    }

    /// <summary>
    /// A client of the seeded Admin with an access token issued directly by the service's <see cref="ITokenService"/>
    /// for the Admin's current row (id, security stamp), as a login would issue it, without the login request:
    /// nearly every test needs an Admin, and only the sign-in tests are about signing in (they call
    /// <see cref="ClientForAsync"/>).
    /// </summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, security_stamp FROM users WHERE email = @email", connection);
        command.Parameters.AddWithValue("email", AdminEmail);
        Guid id, stamp;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), $"No user {AdminEmail}: the Admin was not seeded.");
            (id, stamp) = (reader.GetGuid(0), reader.GetGuid(1));
        }

        var token = Services.GetRequiredService<ITokenService>().Issue(id, UserRole.Admin, stamp, Guid.NewGuid());
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>
    /// A client with a freshly issued access token for a new user of the role, without a login request: for tests that
    /// must not spend the login rate limit. The user is written straight to the database (its password hash is no hash:
    /// it cannot sign in), since every token is checked against its user's current state.
    /// </summary>
    public async Task<HttpClient> ClientWithTokenAsync(UserRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>();
        var user = User.Create(Email.Create($"token-{Guid.NewGuid():N}@cleanvisitors.test").Value, "Token User", null, role, "no-password", null, DateTimeOffset.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var token = scope.ServiceProvider.GetRequiredService<ITokenService>().Issue(user.Id, role, user.SecurityStamp, Guid.NewGuid());
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>One SQL statement on the test database, answering the first column of its first row.</summary>
    public Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) =>
        RunAsync(sql, parameters, async command => (T)(await command.ExecuteScalarAsync())!);

    /// <summary>One SQL statement on the test database, answering how many rows it touched.</summary>
    public Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters) =>
        RunAsync(sql, parameters, command => command.ExecuteNonQueryAsync());

    private async Task<T> RunAsync<T>(string sql, (string Name, object Value)[] parameters, Func<NpgsqlCommand, Task<T>> run)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value is DateTimeOffset at ? at.ToUniversalTime() : value); // timestamptz takes UTC only
        }

        return await run(command);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DATABASE_URL", ConnectionString);
        builder.UseSetting("JWT_SECRET", JwtSecret);
        builder.UseSetting("ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("ADMIN_PASSWORD", AdminPassword);
        // Generous limits: the rate-limit tests use a factory of their own with small ones.
        builder.UseSetting("RATE_LIMIT_MAX_REQUESTS", "1000000");
        builder.UseSetting("AUTH_RATE_LIMIT_MAX_REQUESTS", "1000000");
        builder.UseSetting("PERFORMANCE_REPORT_INTERVAL_SECONDS", "0");
        // No ticks of their own: the job tests call /api/cron and count the runs (SchedulerTests turns it on).
        builder.UseSetting("SCHEDULER_ENABLED", "false");
        // Dozens of hosts share the test cluster: each keeps one warm connection, not production's ten
        // (the warm-up itself is tested by DatabasePoolTests).
        builder.UseSetting("DB_POOL_MIN_SIZE", "1");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Every test seeds the Admin and signs in: at production's 100,000 PBKDF2 iterations that hashing was a large
        // share of the suite's time. The hasher is the same; the real processes (ApiProcess) keep production's count.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestIterationCount));
    }

    public const int TestIterationCount = 1_000;

    private sealed record LoginBody(string AccessToken);
}

/// <summary>
/// The tests on the plain API, in three collections of about equal length, each with a host and a database of its own:
/// they run in parallel, where one collection ran every class one after the other. A test class chooses one with
/// <c>[Collection(…)]</c>; <see cref="ApiTest"/> puts it in this one otherwise.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

/// <summary>The contract's conventions: the OpenAPI document, paths and paging, strict JSON, problem details.</summary>
[CollectionDefinition(Name)]
public sealed class ApiContractCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api: contract";
}

/// <summary>Visits, and the role matrix over every endpoint.</summary>
[CollectionDefinition(Name)]
public sealed class ApiVisitsCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api: visits";
}

/// <summary>Base of the integration tests: a clean database before each test, and clients per role.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiFactory factory) : IAsyncLifetime
{
    protected ApiFactory Factory { get; } = factory;

    protected TestData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.ResetAsync();
        Data = new TestData(Factory, await Factory.AdminClientAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
