using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>GET /api/cron/runs: every run recorded, newest first, for Admins.</summary>
public sealed class CronRunsTests(CronApiFactory factory) : CronTest(factory)
{
    [Fact]
    public async Task Runs_ListEveryRunNewestFirstWithOutcomeAndAffected()
    {
        var host = await Data.UserAsync("Host");
        var due = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", due.Id, TimeSpan.FromHours(2));
        var before = DateTimeOffset.UtcNow;
        await RunAsync("expire-pending");
        await RunAsync("auto-checkout");
        await RunAsync("expire-pending");

        var runs = await RunsAsync();

        Assert.Equal(3, runs.TotalCount);
        Assert.Equal(["expire-pending", "auto-checkout", "expire-pending"], runs.Items.Select(r => r.Job));
        Assert.Equal([0, 0, 1], runs.Items.Select(r => r.Affected));
        Assert.All(runs.Items, run =>
        {
            Assert.Equal("Succeeded", run.Outcome);
            Assert.Null(run.Error);
            Assert.Equal($"{Environment.MachineName}/{Environment.ProcessId}", run.Instance); // the instance that ran it
            Assert.True(run.StartedAt >= before.AddSeconds(-1));
            Assert.NotNull(run.FinishedAt);
            Assert.True(run.FinishedAt >= run.StartedAt);
        });
        Assert.True(runs.Items[0].StartedAt >= runs.Items[1].StartedAt && runs.Items[1].StartedAt >= runs.Items[2].StartedAt);
    }

    [Fact]
    public async Task Runs_FilteredByJobAndPaged()
    {
        await RunAsync("expire-pending");
        await RunAsync("auto-checkout");
        await RunAsync("expire-pending");

        var expireRuns = await RunsAsync("?job=expire-pending");
        var firstPage = await RunsAsync("?pageSize=2&page=1");
        var secondPage = await RunsAsync("?pageSize=2&page=2");

        Assert.Equal(2, expireRuns.TotalCount);
        Assert.All(expireRuns.Items, r => Assert.Equal("expire-pending", r.Job));
        Assert.Equal(2, firstPage.Items.Count);
        Assert.Equal(2, firstPage.TotalPages);
        Assert.Equal("expire-pending", Assert.Single(secondPage.Items).Job);
        Assert.Empty(firstPage.Items.Select(r => r.Id).Intersect(secondPage.Items.Select(r => r.Id)));
    }

    [Theory]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=101")]
    [InlineData("?page=0")]
    public async Task Runs_WithBadPaging_Returns400(string query)
    {
        var response = await Data.Admin.GetAsync("/api/cron/runs" + query);

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Runs_WithoutToken_Returns401()
    {
        var response = await Data.Anonymous.GetAsync("/api/cron/runs");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Runs_WithTheCronSecretInsteadOfAToken_Returns401()
    {
        var response = await CronClient().GetAsync("/api/cron/runs");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Receptionist")]
    [InlineData("Host")]
    public async Task Runs_ForANonAdmin_Returns403(string role)
    {
        var (_, client) = await Data.SignedInAsync(role);

        var response = await client.GetAsync("/api/cron/runs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
