using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Domain.Users;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static CleanVisitors.IntegrationTests.Hardening.SecurityHeadersTests;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>
/// Small limits, no trusted proxies: every test takes client addresses of its own (<see cref="TestPeers"/>). Counted in
/// this instance's memory (no <c>REDIS_URL</c>); <see cref="SharedRateLimitFactory"/> counts the same limits in Redis.
/// </summary>
public class RateLimitFactory : HardeningFactory
{
    public const int Limit = 5;
    public const int LoginLimit = 3;
    public const int WindowSeconds = 900;

    /// <summary>What <c>X-RateLimit-Remaining</c> says after a client's first request.</summary>
    public static readonly string RemainingAfterOne = (Limit - 1).ToString(CultureInfo.InvariantCulture);

    public RateLimitFactory()
    {
        Settings["RATE_LIMIT_MAX_REQUESTS"] = Limit.ToString(CultureInfo.InvariantCulture);
        Settings["RATE_LIMIT_WINDOW_MS"] = (WindowSeconds * 1000).ToString(CultureInfo.InvariantCulture);
        Settings["AUTH_RATE_LIMIT_MAX_REQUESTS"] = LoginLimit.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>The same limits counted in a real Redis (<c>REDIS_URL</c>), under a key prefix of this factory's own.</summary>
public sealed class SharedRateLimitFactory : RateLimitFactory
{
    public override async Task InitializeAsync()
    {
        Settings["REDIS_URL"] = (await RedisServer.SharedAsync()).Url;
        Settings["REDIS_KEY_PREFIX"] = $"test-{Guid.NewGuid():N}";
        await base.InitializeAsync();
    }
}

/// <summary>The contract's limits, counted in memory.</summary>
public sealed class RateLimitTests(RateLimitFactory factory) : RateLimitContract<RateLimitFactory>(factory), IClassFixture<RateLimitFactory>
{
    [Fact]
    public async Task WithoutRedisUrl_NothingIsSaidAboutRedis()
    {
        var client = Factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/api/visits");
        }

        Assert.DoesNotContain(Factory.Logs.Events, e => e.MessageTemplate.Text.Contains("Redis", StringComparison.Ordinal));
        Assert.False(Factory.Services.GetRequiredService<CleanVisitors.Api.RateLimiting.SharedCounters>().IsShared);
    }
}

/// <summary>
/// The contract's limits counted in Redis (issue 11 §1): every limit, header and refusal holds as it does in memory. Whether
/// Redis was really used is proven here too, so a silent fall back to memory cannot pass for shared counting.
/// </summary>
public sealed class SharedRateLimitTests(SharedRateLimitFactory factory) : RateLimitContract<SharedRateLimitFactory>(factory), IClassFixture<SharedRateLimitFactory>
{
    [Fact]
    public async Task TheLimits_AreCountedInRedis()
    {
        var before = await RedisKeys.CountAsync(Factory.Settings);

        await Factory.ClientFrom(TestPeers.Next()).GetAsync("/api/visits");

        Assert.True(Factory.Services.GetRequiredService<CleanVisitors.Api.RateLimiting.SharedCounters>().IsShared);
        Assert.True(await RedisKeys.CountAsync(Factory.Settings) > before, "the request left no counter in Redis");
    }
}

/// <summary>The contract's rate limits, whichever store counts them.</summary>
public abstract class RateLimitContract<TFactory>(TFactory factory)
    where TFactory : RateLimitFactory
{
    protected TFactory Factory => factory;

    [Fact]
    public async Task GlobalLimit_WhenExceeded_AnswersTooManyRequestsAsAProblemWithRetryAfterInSeconds()
    {
        using var rejections = Rejections();
        var client = factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/visits")).StatusCode);
        }

        var rejected = await client.GetAsync("/api/visits");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = await rejected.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.Equal(429, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        var retryAfter = RetryAfterSeconds(rejected);
        Assert.InRange(retryAfter, 1, RateLimitFactory.WindowSeconds);
        // The refusal says where the client stands, as the OpenAPI document promises for every 4xx.
        Assert.Equal(RateLimitFactory.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), rejected.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", rejected.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(rejected.Headers.Contains("X-RateLimit-Reset"));
        Assert.Equal("global", Assert.Single(rejections.GetMeasurementSnapshot()).Tags["policy"]);
    }

    [Fact]
    public async Task AllowedResponses_CarryTheLimitTheDecreasingRemainderAndTheReset()
    {
        var client = factory.ClientFrom(TestPeers.Next());
        var remaining = new List<int>();
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            var response = await client.GetAsync("/api/visits");
            Assert.Equal(RateLimitFactory.Limit.ToString(CultureInfo.InvariantCulture), Header(response, "X-RateLimit-Limit"));
            remaining.Add(int.Parse(Header(response, "X-RateLimit-Remaining")!, CultureInfo.InvariantCulture));
            Assert.InRange(int.Parse(Header(response, "X-RateLimit-Reset")!, CultureInfo.InvariantCulture), 1, RateLimitFactory.WindowSeconds);
        }

        Assert.Equal([4, 3, 2, 1, 0], remaining);
    }

    [Fact]
    public async Task AnonymousRequestsThatEndUnauthorized_CountAgainstTheClientAddress()
    {
        var client = factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/visits")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/visits")).StatusCode);
    }

    [Fact]
    public async Task AuthenticatedUsers_AreCountedPerUser_NotPerAddress()
    {
        var peer = TestPeers.Next();
        var first = WithPeer(await factory.ClientWithTokenAsync(UserRole.Receptionist), peer);
        var second = WithPeer(await factory.ClientWithTokenAsync(UserRole.Receptionist), peer);
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/sites")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/sites")).StatusCode);
        var secondUsers = await second.GetAsync("/api/sites");
        Assert.Equal(HttpStatusCode.OK, secondUsers.StatusCode);
        Assert.Equal(RateLimitFactory.RemainingAfterOne, Header(secondUsers, "X-RateLimit-Remaining"));
        // The address itself has spent nothing: the users' requests were not counted against it.
        Assert.Equal(RateLimitFactory.RemainingAfterOne, Header(await factory.ClientFrom(peer).GetAsync("/api/sites"), "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task RotatingXForwardedFor_WithoutTrustedProxies_DoesNotBypassTheLimit()
    {
        var client = factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetForwardedFor(client, $"203.0.113.{i + 1}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetForwardedFor(client, "203.0.113.99")).StatusCode);
    }

    [Fact]
    public async Task Login_IsLimitedPerAddress()
    {
        using var rejections = Rejections();
        using var failedLogins = Collect(ApplicationMetrics.MeterName, "cleanvisitors.logins.failed");
        var client = factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < RateLimitFactory.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, UniqueEmail())).StatusCode);
        }

        var rejected = await LoginAsync(client, UniqueEmail());

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(RetryAfterSeconds(rejected) > 0);
        Assert.Equal(RateLimitingSetup.StrictPolicy, Assert.Single(rejections.GetMeasurementSnapshot()).Tags["policy"]);
        var failed = failedLogins.GetMeasurementSnapshot();
        Assert.Equal(RateLimitFactory.LoginLimit, failed.Count);
        Assert.All(failed, m => Assert.Equal("unknown_user", m.Tags["reason"]));
    }

    [Fact]
    public async Task Login_IsLimitedPerEmail_EvenFromDifferentAddresses()
    {
        using var rejections = Rejections();
        var email = UniqueEmail();
        for (var i = 0; i < RateLimitFactory.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(factory.ClientFrom(TestPeers.Next()), email)).StatusCode);
        }

        var rejected = await LoginAsync(factory.ClientFrom(TestPeers.Next()), email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.True(RetryAfterSeconds(rejected) > 0);
        Assert.Equal(LoginThrottle.PolicyName, Assert.Single(rejections.GetMeasurementSnapshot()).Tags["policy"]);
    }

    /// <summary>This host's <c>cleanvisitors.rate_limit.rejections</c> from now on (the other fixture's host has its own meters).</summary>
    private MetricCollector<long> Rejections() => Collect(ApiMetrics.MeterName, "cleanvisitors.rate_limit.rejections");

    private MetricCollector<long> Collect(string meter, string instrument) =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), meter, instrument);

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task OperationalEndpoints_AreNeverLimited_NorCarryTheHeaders(string path)
    {
        var peer = TestPeers.Next();
        var client = path == "/metrics" ? factory.ManagementClient(peer) : factory.ClientFrom(peer);
        for (var i = 0; i < RateLimitFactory.Limit * 3; i++)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Header(response, "X-RateLimit-Limit"));
            Assert.Null(Header(response, "X-RateLimit-Remaining"));
            Assert.Null(Header(response, "X-RateLimit-Reset"));
        }

        // Nor did they count: the address still has its whole budget for the API.
        Assert.Equal(RateLimitFactory.RemainingAfterOne, Header(await factory.ClientFrom(peer).GetAsync("/api/visits"), "X-RateLimit-Remaining"));
    }

    internal static int RetryAfterSeconds(HttpResponseMessage response)
    {
        var value = Header(response, "Retry-After");
        Assert.NotNull(value);
        Assert.True(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds), $"Retry-After '{value}' is not a number of seconds.");
        return seconds;
    }

    internal static Task<HttpResponseMessage> GetForwardedFor(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/visits");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private static HttpClient WithPeer(HttpClient client, string peer)
    {
        client.DefaultRequestHeaders.Add(TestHooks.PeerHeader, peer);
        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password = "not-the-password-1" });

    private static string UniqueEmail() => $"nobody-{Guid.NewGuid():N}@example.com";
}

/// <summary>One trusted proxy: only it may say who the client is.</summary>
public sealed class TrustedProxyFactory : HardeningFactory
{
    public const string Proxy = "10.0.0.1";

    public TrustedProxyFactory()
    {
        Settings["RATE_LIMIT_MAX_REQUESTS"] = RateLimitFactory.Limit.ToString(CultureInfo.InvariantCulture);
        Settings["TRUSTED_PROXIES"] = Proxy;
    }
}

public sealed class TrustedProxyRateLimitTests(TrustedProxyFactory factory) : IClassFixture<TrustedProxyFactory>
{
    [Fact]
    public async Task XForwardedFor_FromATrustedProxy_DecidesTheClient()
    {
        var viaProxy = factory.ClientFrom(TrustedProxyFactory.Proxy);
        const string spender = "203.0.113.10";
        const string other = "203.0.113.20";
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await RateLimitTests.GetForwardedFor(viaProxy, spender)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await RateLimitTests.GetForwardedFor(viaProxy, spender)).StatusCode);
        var otherClient = await RateLimitTests.GetForwardedFor(viaProxy, other);
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
        Assert.Equal(RateLimitFactory.RemainingAfterOne, Header(otherClient, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task XForwardedFor_FromAnUntrustedPeer_IsIgnored()
    {
        var client = factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < RateLimitFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await RateLimitTests.GetForwardedFor(client, $"203.0.113.{200 + i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await RateLimitTests.GetForwardedFor(client, "203.0.113.250")).StatusCode);
    }
}
