namespace CleanVisitors.Application.Jobs;

/// <summary>How often <c>tick</c> runs a job.</summary>
public enum JobCadence
{
    /// <summary>On every tick.</summary>
    EveryTick,

    /// <summary>Once per UTC day: when no run of the job has succeeded since 00:00 UTC.</summary>
    DailyUtc,
}
