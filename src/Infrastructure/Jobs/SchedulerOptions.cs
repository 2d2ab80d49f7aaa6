using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Jobs;

/// <summary>
/// The in-process scheduler's settings (contract, Scheduled jobs). Whether it runs at all (<c>SCHEDULER_ENABLED</c>, default
/// true) decides whether it is registered (<see cref="JobInfrastructureSetup.AddJobInfrastructure"/>).
/// </summary>
public sealed class SchedulerOptions
{
    /// <summary><c>SCHEDULER_ENABLED</c> (default true): whether this instance runs the scheduler.</summary>
    [ConfigurationKeyName("SCHEDULER_ENABLED")]
    public bool Enabled { get; set; } = true;

    /// <summary><c>SCHEDULER_INTERVAL_SECONDS</c> (default 60): how often.</summary>
    [ConfigurationKeyName("SCHEDULER_INTERVAL_SECONDS")]
    public int IntervalSeconds { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
