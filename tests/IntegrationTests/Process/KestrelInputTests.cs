using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>What only a real Kestrel shows (issue 8, finding 4): where it listens, and a NUL in the request line.</summary>
[Trait(TestTier.Name, TestTier.Slow)]
public sealed class KestrelInputTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>
{
    [Fact]
    public async Task Nul_InThePathOrQuery_Is400()
    {
        await using var api = ApiProcess.Start(ProcessSettings.ValidProduction(database.ConnectionString));
        await api.WaitUntilReadyAsync();
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/visits/%00")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/health/live?probe=%00")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task AspNetCoreUrls_WhenSet_DecidesWhereItListens_OverPort()
    {
        var port = ApiProcess.FreePort();
        var settings = new Dictionary<string, string?>(ProcessSettings.ValidProduction(database.ConnectionString))
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        };
        await using var api = ApiProcess.Start(settings);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        await Eventually.StatusAsync(client, "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        Assert.False(await ProcessRun.AcceptsConnectionsAsync(api.Port), "It also listens on PORT.");
        using var management = api.CreateManagementClient();
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Contains(api.Lines, line => line.Contains($"Now listening on: http://127.0.0.1:{port}", StringComparison.Ordinal));
    }
}
