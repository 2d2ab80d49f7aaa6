namespace CleanVisitors.Application.Jobs;

/// <summary>How often <c>tick</c> runs a job.</summary>
public enum JobCadence
{
    /// <summary>On every tick.</summary>
    EveryTick,

    /// <summary>Once per UTC day: when no run of the job has succeeded since 00:00 UTC.</summary>
    DailyUtc,
}

/// <summary>
/// One scheduled job (<c>POST /api/cron/{name}</c>). A run is idempotent: it changes what is due and nothing else,
/// in bounded batches, so a second run right after the first affects nothing. Runs are serialised and recorded by
/// <see cref="JobRunner"/>.
/// </summary>
public interface IScheduledJob
{
    string Name { get; }

    JobCadence Cadence { get; }

    /// <summary>Runs the job; answers how many rows it changed (or messages it wrote or published).</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
