using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>One run of a job at a time across instances: the PostgreSQL advisory lock per job name.</summary>
public sealed class JobLockTests(CronApiFactory factory) : CronTest(factory)
{
    [Fact]
    public async Task Run_WhileAnotherSessionHoldsTheJobsLock_Returns409AndChangesNothing()
    {
        var host = await Data.UserAsync("Host");
        var due = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", due.Id, TimeSpan.FromHours(2));

        await using (var otherInstance = await OtherInstanceSession.OpenAsync(Factory.ConnectionString))
        {
            await otherInstance.LockAsync("expire-pending");

            var response = await CronClient().PostAsync("/api/cron/expire-pending", null);

            var problem = await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
            Assert.Equal("job.already_running", problem.Extensions!["code"].GetString());
            Assert.Equal("PendingApproval", (await VisitAsync(due.Id)).Status);
            Assert.Equal(0, (await RunsAsync("?job=expire-pending")).TotalCount);
            // Another job's lock is another key.
            Assert.Equal(0, (await RunAsync("auto-checkout")).Affected);
        }

        var run = await RunAsync("expire-pending");

        Assert.Equal(1, run.Affected);
        Assert.Equal("Expired", (await VisitAsync(due.Id)).Status);
    }

    [Fact]
    public async Task Run_AfterARun_HasReleasedTheLock()
    {
        await RunAsync("auto-checkout");

        await using var otherInstance = await OtherInstanceSession.OpenAsync(Factory.ConnectionString);
        Assert.True(await otherInstance.TryLockAsync("auto-checkout"));
    }

    [Fact]
    public async Task Tick_WhileATickIsRunningElsewhere_Returns409()
    {
        await using (var otherInstance = await OtherInstanceSession.OpenAsync(Factory.ConnectionString))
        {
            await otherInstance.LockAsync("tick");

            var response = await CronClient().PostAsync("/api/cron/tick", null);

            await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
            Assert.Equal(0, (await RunsAsync()).TotalCount);
        }
    }
}
