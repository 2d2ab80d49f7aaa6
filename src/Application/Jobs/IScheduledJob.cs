namespace CleanVisitors.Application.Jobs;

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
