using CleanVisitors.Application.Jobs;
using CleanVisitors.Application.Jobs.Commands.RunJob;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Jobs;

/// <summary>
/// The in-process scheduler's settings (contract, Scheduled jobs). Whether it runs at all (<c>SCHEDULER_ENABLED</c>, default
/// true) decides whether it is registered (<see cref="JobInfrastructureSetup.AddJobInfrastructure"/>).
/// </summary>
public sealed class SchedulerOptions
{
    /// <summary><c>SCHEDULER_INTERVAL_SECONDS</c> (default 60): how often.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Runs <c>tick</c> every <see cref="SchedulerOptions.Interval"/> on every instance, so that every deployment runs its
/// jobs with nothing else set up. The jobs' advisory locks keep each job (and the tick itself) to one instance at a time:
/// an instance whose tick finds another one running skips it quietly, and the jobs due then run on the next tick. The
/// first tick comes one interval after the start, once the instance has settled; <c>/api/cron/*</c> stays for external
/// schedulers. A failed tick is logged (each job's run records its own error) and the next one comes as planned.
/// </summary>
public sealed partial class JobScheduler(IServiceScopeFactory scopes, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<JobScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        LogStarted(logger, interval.TotalSeconds);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
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
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunJobCommand(TickJob.Name), stoppingToken);
            if (result.IsFailure)
            {
                LogSkipped(logger, result.Error!.Code);
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
