using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.RealProcess;
using CleanVisitors.IntegrationTests.Visits;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>
/// The in-process scheduler (contract, Scheduled jobs; issue 11 §2): every instance runs <c>tick</c> every
/// <c>SCHEDULER_INTERVAL_SECONDS</c> with nothing calling <c>/api/cron</c>, and the jobs' locks keep each job to one
/// instance at a time. Three real processes on one database: each job runs once per tick, no two runs of one job
/// overlap, and each run names the instance that ran it. On an empty database, so that the three also migrate it
/// together at start-up (they take turns: <c>DatabaseInitializer.MigrateAsync</c>).
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
[Collection(ProcessCollection.Name)]
public sealed class SchedulerTests(EmptyProcessDatabase database) : IClassFixture<EmptyProcessDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ThreeInstances_RunEachDueJobOncePerTick_NeverOverlapping_AndRecordWhichInstanceRanIt()
    {
        var settings = ProcessSettings.ValidProduction(database.ConnectionString)
            .With("SCHEDULER_ENABLED", "true")
            .With("SCHEDULER_INTERVAL_SECONDS", "1");
        var instances = new List<ApiProcess>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        List<CronRun> runs;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                instances.Add(ApiProcess.Start(settings));
            }

            foreach (var api in instances)
            {
                await api.WaitUntilReadyAsync();
            }

            // A visit waiting for approval far longer than the timeout: the scheduler expires it, nobody calls /api/cron.
            var visitId = await PendingVisitCreatedHoursAgoAsync(instances[0]);
            names.UnionWith(instances.Select(api => $"{Environment.MachineName}/{api.Id}"));
            await Eventually.UntilAsync(
                () => ScalarAsync<long>("SELECT count(DISTINCT instance) FROM cron_runs WHERE job = 'tick' AND outcome = 'Succeeded'"),
                count => count == 3, Patience, count => $"ticks succeeded on {count} of the 3 instances");
            await Eventually.UntilAsync(
                () => ScalarAsync<string>("SELECT status FROM visits WHERE id = @id", ("id", visitId)),
                status => status == "Expired", Patience, status => $"the overdue visit is still {status}");

            // Read while every instance still runs: a process stopped mid-run would leave a run that never finished.
            runs = (await CronRuns.ReadAsync(database.ConnectionString)).Where(r => r.FinishedAt is not null).ToList();
        }
        finally
        {
            foreach (var api in instances)
            {
                await api.DisposeAsync();
            }
        }

        var ticks = runs.Where(r => r.Job == "tick" && r.Outcome == "Succeeded").ToList();
        Assert.True(ticks.Count >= 3, $"only {ticks.Count} ticks");

        CronRuns.AssertEachJobOncePerTickNeverOverlapping(runs);
        Assert.All(runs, run => Assert.Contains(run.Instance, names));
    }

    private async Task<Guid> PendingVisitCreatedHoursAgoAsync(ApiProcess api)
    {
        using var admin = await ProcessRun.SignInAsAdminAsync(api);
        var hostId = await ProcessRun.CreateHostAsync(admin.Client, "Hanna Host");
        var response = await admin.Client.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = "Otto Overdue", phoneNumber = TestData.PhoneNumber() },
            hostId,
            purpose = "Waiting too long",
        });
        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.Equal("PendingApproval", visit.Status);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var backdate = new NpgsqlCommand("UPDATE visits SET created_at = created_at - interval '3 hours' WHERE id = @id", connection);
        backdate.Parameters.AddWithValue("id", visit.Id);
        Assert.Equal(1, await backdate.ExecuteNonQueryAsync());
        return visit.Id;
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

}
