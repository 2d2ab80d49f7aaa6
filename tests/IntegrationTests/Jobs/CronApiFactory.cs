using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using CleanVisitors.Application.Notifications;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>
/// The API with a <c>CRON_SECRET</c>, and with WhatsApp replaced by <see cref="RecordingNotificationSender"/> (the
/// WhatsApp HTTP client has tests of its own): the daily summary's messages are read from it.
/// </summary>
public sealed class CronApiFactory : ApiFactory
{
    public const string CronSecret = "cron-secret-for-the-integration-tests-0123";

    public CronApiFactory()
    {
        Settings["CRON_SECRET"] = CronSecret;
        Settings["BLOB_STORAGE_PATH"] = BlobRoot;
    }

    /// <summary>Where this factory's visitor photos are stored (a fresh temporary folder).</summary>
    public string BlobRoot { get; } = Path.Combine(Path.GetTempPath(), $"cv-cron-blobs-{Guid.NewGuid():N}");

    public RecordingNotificationSender Sender { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<INotificationSender>();
            services.AddSingleton<INotificationSender>(Sender);
        });
    }
}

[CollectionDefinition(Name)]
public sealed class CronCollection : ICollectionFixture<CronApiFactory>
{
    public const string Name = "cron";
}

/// <summary>A WhatsApp stand-in that accepts every message and remembers it.</summary>
public sealed class RecordingNotificationSender : INotificationSender
{
    private readonly ConcurrentQueue<SentMessage> _sent = new();

    public bool IsConfigured => true;

    public IReadOnlyList<SentMessage> Sent => [.. _sent];

    public TimeSpan MaxSendDuration => TimeSpan.FromSeconds(1);

    public Task<SendOutcome> SendAsync(Guid idempotencyKey, string phoneNumberE164, string text)
    {
        _sent.Enqueue(new SentMessage(phoneNumberE164, text));
        return Task.FromResult(new SendOutcome(true, 1, null));
    }

    public void Clear() => _sent.Clear();
}

public sealed record SentMessage(string PhoneNumber, string Text);

/// <summary>Base of the job tests: a clean database, the cron client, and SQL to move times into the past.</summary>
[Collection(CronCollection.Name)]
public abstract class CronTest(CronApiFactory factory) : IAsyncLifetime
{
    protected CronApiFactory Factory { get; } = factory;

    protected TestData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.ResetAsync();
        Factory.Sender.Clear();
        Data = new TestData(Factory, await Factory.AdminClientAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A client that authenticates with the cron secret (or the given bearer value).</summary>
    protected HttpClient CronClient(string? bearer = CronApiFactory.CronSecret)
    {
        var client = Factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    protected async Task<JobRunBody> RunAsync(string job)
    {
        var response = await CronClient().PostAsync($"/api/cron/{job}", null);
        var run = await response.ReadAsync<JobRunBody>(HttpStatusCode.OK);
        Assert.Equal(job, run.Job);
        return run;
    }

    protected async Task<Paged<CronRunBody>> RunsAsync(string query = "")
    {
        var response = await Data.Admin.GetAsync("/api/cron/runs" + query);
        return await response.ReadAsync<Paged<CronRunBody>>(HttpStatusCode.OK);
    }

    protected async Task<VisitBody> VisitAsync(Guid id) =>
        await (await Data.Admin.GetAsync($"/api/visits/{id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);

    protected async Task<IReadOnlyList<AuditLogBody>> AuditAsync(Guid entityId) =>
        (await (await Data.Admin.GetAsync($"/api/audit-logs?entityId={entityId}&pageSize=100")).ReadAsync<Paged<AuditLogBody>>(HttpStatusCode.OK)).Items;

    /// <summary>Sets a timestamp column of one row to <paramref name="ago"/> before now, as if that much time had passed.</summary>
    protected async Task BackdateAsync(string table, string column, Guid id, TimeSpan ago)
    {
        var changed = await ExecuteAsync($"UPDATE {table} SET {column} = @at WHERE id = @id", ("at", DateTimeOffset.UtcNow - ago), ("id", id));
        Assert.Equal(1, changed);
    }

    protected Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters) => Factory.ExecuteAsync(sql, parameters);

    protected Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => Factory.ScalarAsync<T>(sql, parameters);
}

public sealed record JobRunBody(string Job, int Affected, long DurationMs);

public sealed record CronRunBody(Guid Id, string Job, string Instance, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Affected, string Outcome, string? Error);

public sealed record AuditLogBody(Guid Id, DateTimeOffset At, Guid? UserId, string Action, string EntityType, Guid EntityId, string? Details);

/// <summary>
/// A database session of its own that takes job locks, as another instance running a job would. Disposing unlocks
/// explicitly before closing: a closed session's locks are released only when the server has noticed, a moment later.
/// </summary>
public sealed class OtherInstanceSession : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private OtherInstanceSession(NpgsqlConnection connection) => _connection = connection;

    public static async Task<OtherInstanceSession> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return new OtherInstanceSession(connection);
    }

    /// <summary>Takes the job's lock, waiting for it if needed.</summary>
    public async Task LockAsync(string job) => await QueryAsync("SELECT pg_advisory_lock(hashtext(@key))::text", job);

    /// <summary>Takes the job's lock if it is free; true when taken.</summary>
    public async Task<bool> TryLockAsync(string job) => await QueryAsync("SELECT pg_try_advisory_lock(hashtext(@key))::text", job) == "true";

    public async ValueTask DisposeAsync()
    {
        await using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection))
        {
            await unlock.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }

    private async Task<string> QueryAsync(string sql, string job)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        command.Parameters.AddWithValue("key", "cleanvisitors.job." + job);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
