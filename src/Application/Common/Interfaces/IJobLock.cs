namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// A lock per scheduled job, shared by every instance of the service, so that one job runs once at a time.
/// </summary>
public interface IJobLock
{
    /// <summary>The held lock (dispose it to release), or null when the job is already running somewhere.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken);
}
