using CleanVisitors.Domain.Visits;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary><c>auto-checkout</c>: a visit checked in for longer than the maximum visit length is checked out (by nobody).</summary>
public sealed class AutoCheckoutJob(VisitBatches batches, IOptions<JobOptions> options, TimeProvider time) : IScheduledJob
{
    public string Name => "auto-checkout";

    public JobCadence Cadence => JobCadence.EveryTick;

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddHours(-options.Value.MaxVisitHours);
        return batches.ApplyAsync(
            v => v.Status == VisitStatus.CheckedIn && v.CheckedInAt < cutoff,
            v => v.CheckOut(null, now),
            cancellationToken);
    }
}
