namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>tick: every-tick jobs on each call, daily jobs until one of their runs succeeded today (UTC).</summary>
public sealed class TickTests(CronApiFactory factory) : CronTest(factory)
{
    private static readonly string[] EveryTick = ["expire-pending", "mark-no-shows", "auto-checkout", "outbox-sweep"];
    private static readonly string[] Daily = ["purge-retention", "daily-summary"];

    [Fact]
    public async Task Tick_RunsEveryJobThatIsDue_AndTheDailyJobsOncePerDay()
    {
        var host = await Data.UserAsync("Host");
        var pending = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", pending.Id, TimeSpan.FromHours(2));
        var onSite = await Data.ApprovedVisitAsync(host.Id);
        await Data.TransitionAsync(onSite.Id, "check-in");
        await BackdateAsync("visits", "checked_in_at", onSite.Id, TimeSpan.FromHours(13));

        var tick = await RunAsync("tick");

        Assert.Equal("Expired", (await VisitAsync(pending.Id)).Status);
        Assert.Equal("CheckedOut", (await VisitAsync(onSite.Id)).Status);
        var runs = (await RunsAsync("?pageSize=100")).Items;
        // Oldest first: the tick, then its jobs in their order (outbox-sweep last, to publish what the others wrote).
        Assert.Equal(["tick", "expire-pending", "mark-no-shows", "auto-checkout", "purge-retention", "daily-summary", "outbox-sweep"],
            runs.Select(r => r.Job).Reverse());
        Assert.All(runs, r => Assert.Equal("Succeeded", r.Outcome));
        var jobRuns = runs.Where(r => r.Job != "tick").ToList();
        Assert.Equal(jobRuns.Sum(r => r.Affected), tick.Affected);
        Assert.Equal(1, jobRuns.Single(r => r.Job == "expire-pending").Affected);
        Assert.Equal(1, jobRuns.Single(r => r.Job == "auto-checkout").Affected);
        Assert.Equal(1, jobRuns.Single(r => r.Job == "daily-summary").Affected);

        await RunAsync("tick");

        var counts = (await RunsAsync("?pageSize=100")).Items.GroupBy(r => r.Job).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(EveryTick, job => Assert.Equal(2, counts[job]));
        Assert.All(Daily, job => Assert.Equal(1, counts[job]));
        Assert.Equal(2, counts["tick"]);
    }

    [Fact]
    public async Task Tick_RunsADailyJobAgain_WhenItsOnlyRunTodayFailed_OrItLastSucceededYesterday()
    {
        var startOfToday = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        await InsertRunAsync("purge-retention", startOfToday.AddSeconds(1), "Failed");
        await InsertRunAsync("daily-summary", startOfToday.AddMinutes(-1), "Succeeded");

        await RunAsync("tick");

        var counts = (await RunsAsync("?pageSize=100")).Items.GroupBy(r => (r.Job, r.Outcome)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, counts[("purge-retention", "Succeeded")]);
        Assert.Equal(2, counts[("daily-summary", "Succeeded")]);
    }

    [Fact]
    public async Task Tick_SkipsAJobRunningElsewhere_AndRunsTheOthers()
    {
        var host = await Data.UserAsync("Host");
        var pending = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", pending.Id, TimeSpan.FromHours(2));
        await using var otherInstance = await OtherInstanceSession.OpenAsync(Factory.ConnectionString);
        await otherInstance.LockAsync("expire-pending");

        await RunAsync("tick");

        Assert.Equal("PendingApproval", (await VisitAsync(pending.Id)).Status);
        var jobs = (await RunsAsync("?pageSize=100")).Items.Select(r => r.Job).ToList();
        Assert.DoesNotContain("expire-pending", jobs);
        Assert.Contains("auto-checkout", jobs);
        Assert.Contains("tick", jobs);
    }

    private async Task InsertRunAsync(string job, DateTimeOffset startedAt, string outcome)
    {
        await ExecuteAsync(
            "INSERT INTO cron_runs (id, job, instance, started_at, finished_at, affected, outcome) VALUES (gen_random_uuid(), @job, 'test', @at, @at, 0, @outcome)",
            ("job", job), ("at", startedAt), ("outcome", outcome));
    }
}
