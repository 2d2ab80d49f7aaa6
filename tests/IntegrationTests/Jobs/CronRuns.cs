using Npgsql;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>One row of <c>cron_runs</c>.</summary>
public sealed record CronRun(string Job, string Instance, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome);

/// <summary>
/// The scheduled jobs' record as several instances left it, read straight from <c>cron_runs</c>, and what it must show
/// (contract, Scheduled jobs): no two runs of a job at once, each tick runs each every-tick job once on its own
/// instance, each daily job succeeds at most once a UTC day.
/// </summary>
public static class CronRuns
{
    public static readonly string[] EveryTick = ["expire-pending", "mark-no-shows", "auto-checkout", "outbox-sweep"];
    public static readonly string[] Daily = ["purge-retention", "daily-summary"];

    /// <summary>Every run, oldest first.</summary>
    public static async Task<List<CronRun>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job, instance, started_at, finished_at, outcome FROM cron_runs ORDER BY started_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<CronRun>();
        while (await reader.ReadAsync())
        {
            runs.Add(new CronRun(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return runs;
    }

    /// <summary>Checks finished <paramref name="runs"/> against the contract; each daily job must have run.</summary>
    public static void AssertEachJobOncePerTickNeverOverlapping(IReadOnlyList<CronRun> runs)
    {
        // Never two runs of one job at once, whichever instance ran them.
        foreach (var job in runs.GroupBy(r => r.Job))
        {
            var ordered = job.OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i - 1].FinishedAt is { } finished && finished <= ordered[i].StartedAt,
                    $"two runs of {job.Key} overlapped: {ordered[i - 1].Instance} {ordered[i - 1].StartedAt:O}–{ordered[i - 1].FinishedAt:O} and {ordered[i].Instance} {ordered[i].StartedAt:O}");
            }
        }

        // Each tick ran each every-tick job once, on its own instance; the daily jobs ran once in all.
        foreach (var tick in runs.Where(r => r.Job == "tick" && r.Outcome == "Succeeded"))
        {
            var inside = runs.Where(r => r.Job != "tick" && r.StartedAt >= tick.StartedAt && r.StartedAt <= tick.FinishedAt).ToList();
            Assert.All(EveryTick, job => Assert.Single(inside, r => r.Job == job));
            Assert.All(inside, r => Assert.Equal(tick.Instance, r.Instance));
        }

        foreach (var day in runs.GroupBy(r => r.StartedAt.UtcDateTime.Date))
        {
            Assert.All(Daily, job => Assert.True(day.Count(r => r.Job == job && r.Outcome == "Succeeded") <= 1, $"{job} succeeded twice on {day.Key:yyyy-MM-dd}"));
        }

        Assert.All(Daily, job => Assert.Contains(runs, r => r.Job == job && r.Outcome == "Succeeded"));
    }
}
