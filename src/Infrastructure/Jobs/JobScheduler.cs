using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Application.Jobs.Commands.RunJob;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Jobs;

/// <summary>
/// Runs <c>tick</c> once every <see cref="SchedulerOptions.Interval"/> on every instance, so that every deployment runs
/// its jobs with nothing else set up. The ticks keep to the wall clock's slots (every whole interval since the Unix epoch),
/// each instance at its own random moment in the first quarter of a slot (<see cref="Delay"/>): the instances of a fleet
/// then reach for the tick's lock at different moments each slot, the first takes it, the others find it held and skip
/// quietly, and which instance runs a slot's tick changes from slot to slot. Without the spread, instances started together
/// kept their timers in phase, and one whose timer fired just after another's found the lock held at every slot and never
/// ran a tick. The jobs' advisory locks keep each job (and the tick itself) to one instance at a time. <c>/api/cron/*</c>
/// stays for external schedulers. A failed tick is logged (each job's run records its own error) and the next one comes as
/// planned.
/// </summary>
public sealed partial class JobScheduler(IServiceScopeFactory scopes, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<JobScheduler> logger)
    : BackgroundService
{
    /// <summary>The part of a slot over which the instances spread their ticks.</summary>
    public const double Spread = 0.25;

    /// <summary>
    /// How long to wait from <paramref name="now"/> for the next tick: to the next slot's start (a whole
    /// <paramref name="interval"/> since the Unix epoch, never the current slot) and then <paramref name="random"/> (0–1)
    /// of the slot's first quarter. Two calls in one slot wait for the same next slot.
    /// </summary>
    public static TimeSpan Delay(DateTimeOffset now, TimeSpan interval, double random)
    {
        var sinceEpoch = now - DateTimeOffset.UnixEpoch;
        var nextSlot = DateTimeOffset.UnixEpoch + (interval * (Math.Floor(sinceEpoch / interval) + 1));
        return nextSlot - now + (interval * (Spread * Math.Clamp(random, 0, 1)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        LogStarted(logger, interval.TotalSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Delay(time.GetUtcNow(), interval, Random.Shared.NextDouble()), time, stoppingToken);
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: a tick in progress was cancelled between its batches, each committed batch stays
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The scheduler is the system: RunJobCommand is a [SystemOperation], which no user may send.
            await using var scope = scopes.CreateSystemScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunJobCommand(TickJob.Name), stoppingToken);
            if (result.IsFailure)
            {
                LogSkipped(logger, result.Error.Code);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler runs tick every {IntervalSeconds} s")]
    private static partial void LogStarted(ILogger logger, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled tick skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled tick failed; the next one runs as planned")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
