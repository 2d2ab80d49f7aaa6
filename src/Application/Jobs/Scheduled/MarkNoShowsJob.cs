using CleanVisitors.Domain.Visits;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary>
/// <c>mark-no-shows</c>: an approved visit whose visitor has not checked in by the expected time plus the grace period
/// expires. A visit approved without an expected time (a walk-in at the desk) is expected from its approval.
/// </summary>
public sealed class MarkNoShowsJob(VisitBatches batches, IOptions<JobOptions> options, TimeProvider time) : IScheduledJob
{
    public string Name => "mark-no-shows";

    public JobCadence Cadence => JobCadence.EveryTick;

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMinutes(-options.Value.NoShowGraceMinutes);
        return batches.ApplyAsync(
            v => v.Status == VisitStatus.Approved && (v.ExpectedAt ?? v.ApprovedAt ?? v.CreatedAt) < cutoff,
            v => v.Expire(now),
            cancellationToken);
    }
}
