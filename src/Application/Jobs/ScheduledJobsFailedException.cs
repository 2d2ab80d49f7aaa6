namespace CleanVisitors.Application.Jobs;

/// <summary>Some of the jobs a tick ran failed (each run records its own error).</summary>
public sealed class ScheduledJobsFailedException(IReadOnlyList<string> jobs)
    : Exception($"These jobs failed: {string.Join(", ", jobs)}; see their runs for the errors.")
{
    public IReadOnlyList<string> Jobs { get; } = jobs;
}
