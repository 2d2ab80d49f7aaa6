using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanVisitors.Application.Jobs;

/// <summary>
/// <c>tick</c>: runs every job that is due, for schedulers that allow one cron entry (call it every few minutes).
/// A <see cref="JobCadence.EveryTick"/> job is always due; a <see cref="JobCadence.DailyUtc"/> job is due until one of
/// its runs has succeeded since 00:00 UTC (a failed run is retried on the next tick). Each job runs through
/// <see cref="JobRunner"/> (its own lock and record); one already running elsewhere is skipped. A job that fails does
/// not stop the others, but fails the tick once they have run. Affected is the sum of the jobs' affected counts.
/// </summary>
public sealed partial class TickJob(IEnumerable<IScheduledJob> jobs, JobRunner runner, IApplicationDbContext db, TimeProvider time, ILogger<TickJob> logger)
{
    public const string Name = "tick";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var succeededToday = await db.CronRuns.AsNoTracking()
            .Where(r => r.Outcome == CronRunOutcome.Succeeded && r.StartedAt >= startOfDay)
            .Select(r => r.Job).Distinct().ToListAsync(cancellationToken);

        var affected = 0;
        var failed = new List<string>();
        foreach (var job in jobs)
        {
            if (job.Cadence == JobCadence.DailyUtc && succeededToday.Contains(job.Name))
            {
                continue;
            }

            try
            {
                var result = await runner.RunAsync(job.Name, job.RunAsync, cancellationToken);
                if (result.IsSuccess)
                {
                    affected += result.Value.Affected;
                }
                else
                {
                    LogSkipped(logger, job.Name, result.Error.Code);
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Recorded as Failed and logged by the runner; the tick goes on and fails at the end.
                failed.Add(job.Name);
            }
        }

        return failed.Count == 0 ? affected : throw new ScheduledJobsFailedException(failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tick skipped job {Job}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string job, string reason);
}
