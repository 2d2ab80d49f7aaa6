using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// Applies migrations and seeds first-start data. Idempotent; safe to run on every start. Whether there is anything to
/// do is asked with plain queries; EF Core (its services and model, the slowest part of a start) is used only when there
/// is, and otherwise warms up on another thread from the moment the database answers (<see cref="DatabaseWarmUp"/>).
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    IPasswordHasher hasher,
    IOptions<SeedOptions> options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>
    /// Waits for PostgreSQL with bounded exponential back-off (1, 2, 4, 8, 16 s: about half a minute in all), so a
    /// service started alongside its database does not crash-loop; then fails with a message that names the fix.
    /// </summary>
    public async Task WaitForDatabaseAsync(NpgsqlConnectionStringBuilder settings, int attempts, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Timeout = 5, Pooling = false };
        var masked = DatabaseUrl.Masked(target);
        LogConnecting(logger, masked);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(target.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) || ex is PostgresException)
            {
                if (attempt >= attempts || ex is PostgresException { SqlState: "28P01" or "28000" or "3D000" })
                {
                    throw new InvalidOperationException(
                        $"Cannot connect to PostgreSQL ({masked}) after {attempt} attempts: {ex.Message}. Check DATABASE_URL (host, port, user, password, database) and that the server is running.",
                        ex);
                }

                var delay = TimeSpan.FromSeconds(Math.Min(16, Math.Pow(2, attempt - 1)));
                LogRetrying(logger, attempt, attempts, (int)delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Applies the pending migrations. Instances that start together on one database take turns (a session advisory
    /// lock): the first applies them, the others then find none pending. Without it they created the same tables at once
    /// and all but one died at start-up (found by SchedulerTests, three processes on a fresh database).
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('cleanvisitors.migrate'))", lockConnection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var pending = await MigrationState.PendingCountAsync(dataSource, cancellationToken);
            if (pending > 0)
            {
                LogMigrating(logger, pending);
                var db = services.GetRequiredService<CleanVisitorsDbContext>();
                await db.EnsureHistoryTableAsync(dataSource, cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('cleanvisitors.migrate'))", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var seeded = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM sites) AND EXISTS (SELECT 1 FROM users WHERE role = '{UserRole.Admin}')", connection))
        {
            if (await seeded.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        // Instances that start together on a fresh database all find it unseeded: one seeds at a time (a transaction-scoped
        // advisory lock), and the others then find the rows and add nothing.
        var db = services.GetRequiredService<CleanVisitorsDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('cleanvisitors.seed'))", cancellationToken);
            await AddMissingSeedAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task AddMissingSeedAsync(CleanVisitorsDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await db.Sites.AnyAsync(cancellationToken))
        {
            db.Sites.Add(Site.Create(Site.DefaultName, options.Value.DefaultSiteTimeZone, isDefault: true, null, now).Value);
        }

        if (!await db.Users.AnyAsync(u => u.Role == UserRole.Admin, cancellationToken))
        {
            var settings = options.Value;
            var email = Email.Create(settings.AdminEmail);
            if (email.IsFailure || string.IsNullOrEmpty(settings.AdminPassword) || settings.AdminPassword.Length < Limits.PasswordMinLength)
            {
                LogNoAdmin(logger, Limits.PasswordMinLength);
            }
            else
            {
                db.Users.Add(User.Create(email.Value, "Administrator", null, UserRole.Admin, hasher.Hash(settings.AdminPassword), null, now));
                var masked = Email.Mask(email.Value.Value);
                LogAdminCreated(logger, masked);
            }
        }
    }

    /// <summary>
    /// Start-up: wait for the database, then (with <paramref name="migrateOnly"/>, or <c>RUN_MIGRATIONS_AT_STARTUP</c>)
    /// apply migrations and seed, then (a process that will serve, not --migrate-only) open the pool's minimum of connections.
    /// </summary>
    public static async Task InitializeAsync(IServiceProvider services, bool migrateOnly, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrate = migrateOnly || database.RunMigrationsAtStartup;
        var warmPool = !migrateOnly;
        var settings = DatabaseConnection.Build(database);
        await initializer.WaitForDatabaseAsync(settings, ConnectAttempts, cancellationToken);
        var schemaReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (warmPool)
        {
            DatabaseWarmUp.Start(services, schemaReady.Task, cancellationToken);
        }

        if (migrate)
        {
            await initializer.MigrateAsync(cancellationToken);
            await initializer.SeedAsync(cancellationToken);
        }

        schemaReady.TrySetResult();

        if (warmPool)
        {
            await DatabaseConnection.WarmPoolAsync(services.GetRequiredService<NpgsqlDataSource>(), settings.MinPoolSize, cancellationToken);
        }
    }

    public const int ConnectAttempts = 6;

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to PostgreSQL: {ConnectionString}")]
    private static partial void LogConnecting(ILogger logger, string connectionString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL not reachable (attempt {Attempt} of {Attempts}); retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, int attempts, int delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} pending database migrations")]
    private static partial void LogMigrating(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin {Email}")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin exists and ADMIN_EMAIL/ADMIN_PASSWORD are not set or invalid (password needs {MinLength}+ characters): nobody can sign in as Admin")]
    private static partial void LogNoAdmin(ILogger logger, int minLength);
}
