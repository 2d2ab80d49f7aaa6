using CleanVisitors.Application.Approvals;
using CleanVisitors.Domain.Visits;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary><c>expire-pending</c>: a visit pending approval for longer than the approval timeout expires.</summary>
public sealed class ExpirePendingJob(VisitBatches batches, IOptions<ApprovalOptions> options, TimeProvider time) : IScheduledJob
{
    public string Name => "expire-pending";

    public JobCadence Cadence => JobCadence.EveryTick;

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMinutes(-options.Value.PendingApprovalTimeoutMinutes);
        return batches.ApplyAsync(
            v => v.Status == VisitStatus.PendingApproval && v.CreatedAt < cutoff,
            v => v.Expire(now),
            cancellationToken);
    }
}
