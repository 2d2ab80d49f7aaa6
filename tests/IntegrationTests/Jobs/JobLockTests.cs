using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;
using Npgsql;

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

        await using (await HoldLockAsync("expire-pending"))
        {
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

        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('cleanvisitors.job.auto-checkout'))", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Tick_WhileATickIsRunningElsewhere_Returns409()
    {
        await using (await HoldLockAsync("tick"))
        {
            var response = await CronClient().PostAsync("/api/cron/tick", null);

            await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
            Assert.Equal(0, (await RunsAsync()).TotalCount);
        }
    }

    /// <summary>An unpooled session: closing it ends the session, and with it every lock it holds.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Takes the job's advisory lock on a session of its own, as another instance running the job would.</summary>
    private async Task<NpgsqlConnection> HoldLockAsync(string job)
    {
        var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@key))", connection);
        command.Parameters.AddWithValue("key", "cleanvisitors.job." + job);
        await command.ExecuteScalarAsync();
        return connection;
    }
}
