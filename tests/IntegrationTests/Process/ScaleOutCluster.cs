using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>
/// Issue 11 §3: three API processes behind HAProxy (the committed <c>deploy/haproxy/haproxy.cfg</c>), on one PostgreSQL,
/// one RabbitMQ virtual host, one Redis of their own and one WhatsApp fake. Each instance keeps its ports across restarts,
/// as a replica keeps its address in HAProxy's configuration. The API trusts the loopback proxy, so a test names its
/// client with <c>X-Forwarded-For</c> (as a CDN in front of the balancer would).
/// </summary>
public abstract class ScaleOutCluster : IAsyncLifetime
{
    public const int Size = 3;
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    private readonly List<ApiProcess> _instances = [];
    private readonly List<Dictionary<string, string?>> _settings = [];
    private TestDatabase? _database;

    public RedisServer Redis { get; private set; } = null!;

    public WhatsAppFake WhatsApp { get; } = new();

    public HaproxyProcess Proxy { get; private set; } = null!;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public IReadOnlyList<ApiProcess> Instances => _instances;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Redis = await RedisServer.StartOwnAsync();
        var broker = await RabbitMqFixture.GetAsync();
        var common = Tune(ProcessSettings.ValidProduction(_database.ConnectionString)
            .With("RABBITMQ_URL", broker.Url)
            .With("REDIS_URL", Redis.Url)
            .With("REDIS_KEY_PREFIX", $"scale-{Guid.NewGuid():N}")
            .With("TRUSTED_PROXIES", "127.0.0.1")
            .With("HEALTH_DETAILED_PUBLIC", "true")
            .With("WHATSAPP_API_URL", WhatsApp.Url)
            .With("WHATSAPP_API_TOKEN", WhatsAppFake.Token));
        var ports = new HashSet<int>();
        while (ports.Count < Size * 2)
        {
            ports.Add(ApiProcess.FreePort()); // distinct: two asked for one after the other can be the same
        }

        var distinct = ports.ToList();
        for (var i = 0; i < Size; i++)
        {
            _settings.Add(common
                .With("PORT", distinct[2 * i].ToString(CultureInfo.InvariantCulture))
                .With("MANAGEMENT_PORT", distinct[(2 * i) + 1].ToString(CultureInfo.InvariantCulture)));
            _instances.Add(ApiProcess.Start(_settings[i]));
        }

        foreach (var instance in _instances)
        {
            await instance.WaitUntilReadyAsync(StartPatience);
        }

        Proxy = await HaproxyProcess.StartAsync([.. _instances.Select(i => i.Port)]);
    }

    public async Task DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        WhatsApp.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A client of the balancer that the API sees as <paramref name="clientAddress"/>.</summary>
    public HttpClient ClientAs(string clientAddress)
    {
        var client = Proxy.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    /// <summary>The first Admin, signed in through the balancer: a client carrying the bearer token.</summary>
    public async Task<HttpClient> AdminAsync(string clientAddress)
    {
        var client = ClientAs(clientAddress);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = ProcessSettings.AdminEmail, password = ProcessSettings.AdminPassword });
        var body = await response.ReadAsync<JsonElement>(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>
    /// A rolling restart's step: SIGTERM to instance <paramref name="index"/> (it drains and exits), then the same
    /// instance again on the same ports, until it is ready and HAProxy sends it requests for <paramref name="path"/> again.
    /// </summary>
    public async Task RestartAsync(int index, string path)
    {
        var old = _instances[index];
        old.Signal("TERM");
        Assert.Equal(0, await old.WaitForExitAsync(StartPatience));
        await old.DisposeAsync();
        var renewed = ApiProcess.Start(_settings[index]);
        _instances[index] = renewed;
        await renewed.WaitUntilReadyAsync(StartPatience);
        await Eventually.UntilAsync(
            () => Task.FromResult(RequestsServed(renewed, path)), served => served > 0, StartPatience,
            _ => $"HAProxy sends no requests to the restarted instance {index + 1}");
    }

    /// <summary>How many requests for <paramref name="path"/> an instance logged (one JSON line per request).</summary>
    public static int RequestsServed(ApiProcess instance, string path) =>
        instance.StandardOutputLines.Count(line => line.Contains($"\"Path\":\"{path}\"", StringComparison.Ordinal));

    /// <summary>What the <c>redis</c> check of an instance says now.</summary>
    public static async Task<string?> RedisCheckAsync(ApiProcess instance)
    {
        using var client = instance.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health/detailed");
        return health.GetProperty("entries").GetProperty("redis").GetProperty("status").GetString();
    }

    /// <summary>The cluster's own settings on top of the common ones.</summary>
    protected abstract Dictionary<string, string?> Tune(Dictionary<string, string?> settings);
}

/// <summary>Small limits, to count them across the instances: 30 requests a window, 5 logins a minute.</summary>
public sealed class LimitedCluster : ScaleOutCluster
{
    public const int Limit = 30;
    public const int LoginLimit = 5;

    protected override Dictionary<string, string?> Tune(Dictionary<string, string?> settings) => settings
        .With("RATE_LIMIT_MAX_REQUESTS", Limit.ToString(CultureInfo.InvariantCulture))
        .With("RATE_LIMIT_WINDOW_MS", "900000")
        .With("AUTH_RATE_LIMIT_MAX_REQUESTS", LoginLimit.ToString(CultureInfo.InvariantCulture));
}

/// <summary>Limits out of the way of the load, and the scheduler on every instance every 2 s.</summary>
public sealed class BusyCluster : ScaleOutCluster
{
    protected override Dictionary<string, string?> Tune(Dictionary<string, string?> settings) => settings
        .With("SCHEDULER_ENABLED", "true")
        .With("SCHEDULER_INTERVAL_SECONDS", "2");
}
