using System.Net;
using System.Net.Http.Headers;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>The cron endpoint's own authentication: the bearer cron secret, nothing else.</summary>
public sealed class CronAuthTests(CronApiFactory factory) : CronTest(factory)
{
    [Fact]
    public async Task Run_WithoutAuthorization_Returns401ProblemAndRunsNothing()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", visit.Id, TimeSpan.FromHours(3));

        var response = await CronClient(bearer: null).PostAsync("/api/cron/expire-pending", null);

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("cron.unauthorized", problem.Extensions!["code"].GetString());
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("PendingApproval", (await VisitAsync(visit.Id)).Status);
        Assert.Equal(0, (await RunsAsync()).TotalCount);
    }

    [Theory]
    [InlineData("Bearer", "wrong-secret")]
    [InlineData("Bearer", CronApiFactory.CronSecret + "x")]
    [InlineData("Bearer", "cron-secret-for-the-integration-tests-012")]
    [InlineData("Bearer", "CRON-SECRET-FOR-THE-INTEGRATION-TESTS-0123")]
    [InlineData("Basic", CronApiFactory.CronSecret)]
    public async Task Run_WithAWrongCredential_Returns401Problem(string scheme, string value)
    {
        var client = CronClient(bearer: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, value);

        var response = await client.PostAsync("/api/cron/expire-pending", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await RunsAsync()).TotalCount);
    }

    [Fact]
    public async Task Run_WithAnAdminsAccessToken_Returns401()
    {
        var response = await Data.Admin.PostAsync("/api/cron/expire-pending", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Run_WithTheSecret_Returns200WithJobAffectedAndDuration()
    {
        var response = await CronClient().PostAsync("/api/cron/expire-pending", null);

        var run = await response.ReadAsync<JobRunBody>(HttpStatusCode.OK);
        Assert.Equal(new JobRunBody("expire-pending", 0, run.DurationMs), run);
        Assert.InRange(run.DurationMs, 0, 60_000);
    }

    [Fact]
    public async Task RunWithGet_AsVercelCronCalls_RunsTheJobWithTheSecretOnly()
    {
        var host = await Data.UserAsync("Host");
        var due = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", due.Id, TimeSpan.FromHours(2));

        var refused = await CronClient("wrong-secret").GetAsync("/api/cron/expire-pending");
        var run = await (await CronClient().GetAsync("/api/cron/expire-pending")).ReadAsync<JobRunBody>(HttpStatusCode.OK);

        await TestData.ExpectProblem(refused, HttpStatusCode.Unauthorized);
        Assert.Equal(1, run.Affected);
        Assert.Equal("Expired", (await VisitAsync(due.Id)).Status);
    }

    [Theory]
    [InlineData("no-such-job")]
    [InlineData("EXPIRE-PENDING")]
    [InlineData("runs")]
    public async Task Run_UnknownJob_Returns404ProblemAndRecordsNothing(string job)
    {
        var response = await CronClient().PostAsync($"/api/cron/{job}", null);

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
        Assert.Equal("job.not_found", problem.Extensions!["code"].GetString());
        Assert.Equal(0, (await RunsAsync()).TotalCount);
    }

    [Fact]
    public async Task Run_UnknownJobWithoutTheSecret_Returns401NotRevealingWhichJobsExist()
    {
        var response = await CronClient("wrong-secret").PostAsync("/api/cron/no-such-job", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }
}

/// <summary>Without <c>CRON_SECRET</c> no credential opens the cron endpoint.</summary>
public sealed class CronSecretUnsetTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("")]
    [InlineData("anything")]
    [InlineData(CronApiFactory.CronSecret)]
    public async Task Run_WhenNoCronSecretIsConfigured_Returns401(string bearer)
    {
        var client = Data.Anonymous;
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");

        var response = await client.PostAsync("/api/cron/tick", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }
}
