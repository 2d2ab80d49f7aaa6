using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Approvals;

/// <summary>The API with the strict (login) limit at 3 requests a minute per client.</summary>
public sealed class StrictLimitApi : IAsyncLifetime
{
    public const int Limit = 3;

    public ApiFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        Factory.Settings["AUTH_RATE_LIMIT_MAX_REQUESTS"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ((IAsyncLifetime)Factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
}

/// <summary>Approval links are rate limited like login: guessing tokens is as slow as guessing passwords.</summary>
public sealed class ApprovalRateLimitTests(StrictLimitApi api) : IClassFixture<StrictLimitApi>
{
    [Fact]
    public async Task The_page_and_the_decision_share_the_strict_limit_and_the_next_request_is_429()
    {
        using var client = api.Factory.CreateClient();
        var unknown = "unknown-" + Guid.NewGuid().ToString("N");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/approve/{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/public/approvals/{unknown}", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/approve/{unknown}x")).StatusCode);

        var page = await client.GetAsync($"/approve/{unknown}");
        var problem = await TestData.ExpectProblem(page, HttpStatusCode.TooManyRequests);
        Assert.Equal(429, problem.Status);
        Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 says when to come back.");
        var decision = await client.PostAsJsonAsync($"/api/public/approvals/{unknown}", new { decision = "approve" });
        await TestData.ExpectProblem(decision, HttpStatusCode.TooManyRequests);
        var form = await client.PostAsync($"/api/public/approvals/{unknown}", new FormUrlEncodedContent([new("decision", "approve")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
    }
}
