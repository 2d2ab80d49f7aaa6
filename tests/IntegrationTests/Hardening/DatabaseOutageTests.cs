using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CleanVisitors.Domain.Users;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>The API reaches PostgreSQL only through a <see cref="TcpProxy"/> that a test can cut and restore.</summary>
public class DatabaseProxyFactory : HardeningFactory
{
    private TcpProxy? _proxy;

    public TcpProxy Proxy => _proxy ?? throw new InvalidOperationException("The host has not started yet.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var direct = new NpgsqlConnectionStringBuilder(ConnectionString);
        _proxy = new TcpProxy(direct.Host!, direct.Port);
        _proxy.Open();
        var proxied = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port };
        builder.UseSetting("DATABASE_URL", proxied.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Tests of one fixture run one after another, so each may cut the database; each restores it.</summary>
[Trait("Category", "Fault")]
public sealed class DatabaseOutageTests(DatabaseProxyFactory factory) : IClassFixture<DatabaseProxyFactory>
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Readiness_FollowsTheDatabase_WhileLivenessStaysUp()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        factory.Proxy.Close();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            factory.Proxy.Open();
        }

        Assert.Equal(HttpStatusCode.OK, await UntilAsync(client, "/health/ready", HttpStatusCode.OK));
    }

    [Fact]
    public async Task Request_WhenTheDatabaseIsDown_Answers503ProblemWithRetryAfterWithinThreeSeconds()
    {
        var client = await factory.ClientWithTokenAsync(UserRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/visits")).StatusCode);

        factory.Proxy.Close();
        HttpResponseMessage response;
        TimeSpan elapsed;
        try
        {
            var watch = Stopwatch.StartNew();
            response = await client.GetAsync("/api/visits");
            elapsed = watch.Elapsed;
        }
        finally
        {
            factory.Proxy.Open();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"The 503 took {elapsed.TotalMilliseconds:F0} ms.");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.Equal(503, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.TraceId));
        Assert.DoesNotContain("Npgsql", problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "No Retry-After in seconds.");

        Assert.Equal(HttpStatusCode.OK, await UntilAsync(client, "/api/visits", HttpStatusCode.OK));
    }

    /// <summary>Polls until <paramref name="path"/> answers <paramref name="expected"/> or the deadline passes; returns the last status.</summary>
    private static Task<HttpStatusCode> UntilAsync(HttpClient client, string path, HttpStatusCode expected) =>
        Eventually.LastAsync(async () => (await client.GetAsync(path)).StatusCode, status => status == expected, RecoveryDeadline);
}
