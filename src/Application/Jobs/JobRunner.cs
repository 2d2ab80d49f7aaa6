using System.Diagnostics;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Jobs;

/// <summary>
/// Runs one job once at a time across every instance and records the run: takes the job's lock (none → 409), writes a
/// <see cref="CronRun"/> as Running, runs the work and records it Succeeded with the affected count, or Failed with the
/// error (and rethrows: the failure is the caller's too). A run cut short keeps the batches it committed; one stopped
/// from outside is recorded Failed as <see cref="Interrupted"/> with a Warning, not an Error: nothing is wrong with it.
/// </summary>
public sealed partial class JobRunner(
    IApplicationDbContext db, IJobLock locks, IOptions<JobOptions> options, ApplicationMetrics metrics, TimeProvider time, ILogger<JobRunner> logger)
{
    /// <summary>The error of a run stopped from outside (shutdown, a caller that went away).</summary>
    public const string Interrupted = "Interrupted: stopped before it finished (the instance shut down or the caller went away); its committed batches stay, the next run does the rest.";

    public async Task<Result<JobRunResult>> RunAsync(string job, Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(job, cancellationToken);
        if (held is null)
        {
            return JobErrors.AlreadyRunning(job);
        }

        // A span of its own: the rows a job writes to the outbox carry it, so its notifications join its trace.
        using var activity = Tracing.Source.StartActivity($"job {job}");
        activity?.SetTag("job.name", job);
        var started = time.GetTimestamp();
        var run = CronRun.Start(job, time.GetUtcNow(), options.Value.Instance);
        db.CronRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        int affected;
        try
        {
            affected = await work(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped from outside (the instance shuts down, the caller went away): not a fault of the job. The batches it
            // committed stay, and the next run does the rest.
            // Counted before the record is saved: when the database is what failed, the save throws too.
            metrics.JobRan(job, "interrupted", time.GetElapsedTime(started));
            run.Fail(0, Interrupted, time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            activity?.SetStatus(ActivityStatusCode.Error, "interrupted");
            LogInterrupted(logger, job, run.Id);
            throw;
        }
        catch (Exception ex)
        {
            metrics.JobRan(job, "failed", time.GetElapsedTime(started));
            run.Fail(0, $"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(logger, ex, job, run.Id);
            throw;
        }

        run.Succeed(affected, time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        var elapsed = time.GetElapsedTime(started);
        metrics.JobRan(job, "succeeded", elapsed);
        var duration = (long)elapsed.TotalMilliseconds;
        LogSucceeded(logger, job, affected, duration);
        return new JobRunResult(job, affected, duration);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} affected {Affected} rows in {DurationMs} ms")]
    private static partial void LogSucceeded(ILogger logger, string job, int affected, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} interrupted before it finished (run {RunId}); the next run does the rest")]
    private static partial void LogInterrupted(ILogger logger, string job, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed (run {RunId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job, Guid runId);
}
