using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using static CleanVisitors.IntegrationTests.Hardening.SecurityHeadersTests;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>An instance of the API counting its limits in the given Redis, under the given key prefix.</summary>
public sealed class RedisInstanceFactory : HardeningFactory
{
    public RedisInstanceFactory(string redisUrl, string keyPrefix)
    {
        Settings["RATE_LIMIT_MAX_REQUESTS"] = RateLimitFactory.Limit.ToString(CultureInfo.InvariantCulture);
        Settings["RATE_LIMIT_WINDOW_MS"] = (RateLimitFactory.WindowSeconds * 1000).ToString(CultureInfo.InvariantCulture);
        Settings["AUTH_RATE_LIMIT_MAX_REQUESTS"] = RateLimitFactory.LoginLimit.ToString(CultureInfo.InvariantCulture);
        Settings["REDIS_URL"] = redisUrl;
        Settings["REDIS_KEY_PREFIX"] = keyPrefix;
        Settings["HEALTH_DETAILED_PUBLIC"] = "true";
    }

    public SharedCounters Counters => Services.GetRequiredService<SharedCounters>();
}

/// <summary>Two instances on one Redis, as behind a load balancer.</summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public RedisInstanceFactory First { get; private set; } = null!;

    public RedisInstanceFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var redis = await RedisServer.SharedAsync();
        var prefix = $"test-{Guid.NewGuid():N}";
        First = new RedisInstanceFactory(redis.Url, prefix);
        Second = new RedisInstanceFactory(redis.Url, prefix);
        await Task.WhenAll(First.InitializeAsync(), Second.InitializeAsync());
        await Task.WhenAll(SharedAsync(First), SharedAsync(Second));
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }

    internal static Task SharedAsync(RedisInstanceFactory instance) =>
        Eventually.UntilAsync(() => Task.FromResult(instance.Counters.IsShared), shared => shared, TimeSpan.FromSeconds(30), _ => "the instance does not count in Redis");
}

/// <summary>
/// Issue 11 §1: with <c>REDIS_URL</c>, N instances together allow exactly the configured limit, for every limit of the
/// contract, and tell the client where it stands across them.
/// </summary>
public sealed class SharedRateLimitInstancesTests(TwoInstancesFixture instances) : IClassFixture<TwoInstancesFixture>
{
    [Fact]
    public async Task GlobalLimit_HoldsAcrossInstances_AndTheRemainderCountsDownAcrossThem()
    {
        var peer = TestPeers.Next();
        var clients = new[] { instances.First.ClientFrom(peer), instances.Second.ClientFrom(peer) };
        var remaining = new List<string?>();
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            var response = await clients[i % 2].GetAsync("/api/visits");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            remaining.Add(Header(response, "X-RateLimit-Remaining"));
        }

        Assert.Equal(["4", "3", "2", "1", "0"], remaining);
        foreach (var client in clients)
        {
            var rejected = await client.GetAsync("/api/visits");
            Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
            Assert.InRange(RateLimitTests.RetryAfterSeconds(rejected), 1, RateLimitFactory.WindowSeconds);
            Assert.InRange(int.Parse(Header(rejected, "X-RateLimit-Reset")!, CultureInfo.InvariantCulture), 1, RateLimitFactory.WindowSeconds);
        }
    }

    [Fact]
    public async Task LoginLimitPerAddress_HoldsAcrossInstances()
    {
        var peer = TestPeers.Next();
        var clients = new[] { instances.First.ClientFrom(peer), instances.Second.ClientFrom(peer) };
        for (var i = 0; i < RateLimitFactory.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(clients[i % 2], UniqueEmail())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(clients[0], UniqueEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(clients[1], UniqueEmail())).StatusCode);
    }

    [Fact]
    public async Task LoginLimitPerEmail_HoldsAcrossInstancesAndAddresses()
    {
        var email = UniqueEmail();
        var factories = new[] { instances.First, instances.Second };
        for (var i = 0; i < RateLimitFactory.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(factories[i % 2].ClientFrom(TestPeers.Next()), email)).StatusCode);
        }

        var rejected = await LoginAsync(factories[1].ClientFrom(TestPeers.Next()), email);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(RateLimitTests.RetryAfterSeconds(rejected) > 0);
    }

    [Fact]
    public async Task ApprovalLinks_ShareTheStrictLimitAcrossInstances()
    {
        var peer = TestPeers.Next();
        var clients = new[] { instances.First.ClientFrom(peer), instances.Second.ClientFrom(peer) };
        for (var i = 0; i < RateLimitFactory.LoginLimit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await clients[i % 2].GetAsync($"/approve/{Guid.NewGuid():N}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await clients[1].GetAsync($"/approve/{Guid.NewGuid():N}")).StatusCode);
    }

    [Fact]
    public async Task DetailedHealth_SaysTheLimitsAreShared()
    {
        var health = await instances.First.CreateClient().GetFromJsonAsync<JsonElement>("/health/detailed");

        var redis = health.GetProperty("entries").GetProperty("redis");
        Assert.Equal("Healthy", redis.GetProperty("status").GetString());
        Assert.Contains("shared", redis.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    internal static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password = "not-the-password-1" });

    internal static string UniqueEmail() => $"nobody-{Guid.NewGuid():N}@example.com";
}

/// <summary>
/// Issue 11 §1, Redis down: requests keep being served, counted per instance, with a Warning and the <c>redis</c> check
/// Degraded; shared counting resumes by itself when Redis is back. A Redis of this test's own, stopped and started.
/// </summary>
public sealed class RedisOutageRateLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);
    private RedisServer Redis { get; set; } = null!;

    private RedisInstanceFactory Api { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartOwnAsync();
        Api = new RedisInstanceFactory(Redis.Url, $"test-{Guid.NewGuid():N}");
        await Api.InitializeAsync();
        await TwoInstancesFixture.SharedAsync(Api);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisStopped_RequestsAreServedAndLimitedPerInstance_AndSharedCountingResumesWhenItIsBack()
    {
        var anonymous = Api.CreateClient();
        await Redis.StopAsync();

        // Served, never a 5xx, and still limited: in this instance's memory now.
        var peer = TestPeers.Next();
        var client = Api.ClientFrom(peer);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitFactory.Limit; i++)
        {
            statuses.Add((await client.GetAsync("/api/visits")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, RateLimitFactory.Limit), HttpStatusCode.TooManyRequests], statuses);
        Assert.False(Api.Counters.IsShared);
        var warning = await Api.Logs.WaitForAsync(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Redis does not answer", StringComparison.Ordinal));
        Assert.Equal(1, Api.Logs.Events.Count(e => e.MessageTemplate.Text == warning.MessageTemplate.Text));
        Assert.Equal("Degraded", await RedisCheckAsync(anonymous));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        await Redis.StartAsync();

        // Back to Redis by itself: a new client's first request is counted there, and the check is Healthy again.
        await Eventually.UntilAsync(
            async () =>
            {
                await Api.ClientFrom(TestPeers.Next()).GetAsync("/api/visits");
                return Api.Counters.IsShared;
            },
            shared => shared, Recovery, _ => "the limits are still counted per instance");
        await Api.Logs.WaitForAsync(e => e.Level == LogEventLevel.Information && e.MessageTemplate.Text.StartsWith("Redis answers again", StringComparison.Ordinal));
        Assert.Equal("Healthy", await RedisCheckAsync(anonymous));
        var keysBefore = await KeysAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.ClientFrom(TestPeers.Next()).GetAsync("/api/visits")).StatusCode);
        Assert.True(await KeysAsync() > keysBefore, "a request after the recovery left no counter in Redis");
    }

    [Fact]
    public async Task RedisHanging_HoldsUpOnlyTheRequestsThatMeetItsFirstTimeout()
    {
        var client = Api.ClientFrom(TestPeers.Next());
        await Redis.PauseAsync();
        try
        {
            // The first request meets the timeout, and is answered (counted in memory).
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/visits")).StatusCode);
            Assert.False(Api.Counters.IsShared);

            // The next ones do not ask Redis again while it rests: each would otherwise wait its whole 2 s timeout.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 1; i < RateLimitFactory.Limit; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/visits")).StatusCode);
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"{RateLimitFactory.Limit - 1} requests took {watch.Elapsed.TotalSeconds:0.0} s: each waited for Redis");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/visits")).StatusCode);
        }
        finally
        {
            await Redis.ResumeAsync();
        }

        await Eventually.UntilAsync(
            async () =>
            {
                await Api.ClientFrom(TestPeers.Next()).GetAsync("/api/visits");
                return Api.Counters.IsShared;
            },
            shared => shared, Recovery, _ => "the limits are still counted per instance after Redis answers again");
    }

    private static async Task<string?> RedisCheckAsync(HttpClient client)
    {
        var health = await client.GetFromJsonAsync<JsonElement>("/health/detailed");
        return health.GetProperty("entries").GetProperty("redis").GetProperty("status").GetString();
    }

    private Task<long> KeysAsync() => RedisKeys.CountAsync(Api.Settings);
}

/// <summary>An instance counts in Redis from its first request: the connection is made while it starts, not on demand.</summary>
public sealed class RedisFromTheStartTests
{
    [Fact]
    public async Task AnInstanceJustStarted_CountsItsFirstRequestInRedis()
    {
        var redis = await RedisServer.SharedAsync();
        await using var api = new RedisInstanceFactory(redis.Url, $"test-{Guid.NewGuid():N}");
        await api.InitializeAsync();
        var before = await RedisKeys.CountAsync(api.Settings);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientFrom(TestPeers.Next()).GetAsync("/api/visits")).StatusCode);

        Assert.True(await RedisKeys.CountAsync(api.Settings) > before, "the first request was counted in memory, not in Redis");
        Assert.True(api.Counters.IsShared);
    }
}

/// <summary>The rate-limit counters a factory's instances keep in Redis (under its <c>REDIS_KEY_PREFIX</c>).</summary>
internal static class RedisKeys
{
    public static async Task<long> CountAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisUrl.Parse(settings["REDIS_URL"]));
        return redis.GetServers().Single().Keys(pattern: $"*{settings["REDIS_KEY_PREFIX"]}:*").LongCount();
    }
}
