using CleanVisitors.Application.Common.Interfaces;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary>
/// <c>outbox-sweep</c>: publishes every pending outbox row now, including rows backing off after the broker was down
/// (the dispatcher also does this continuously; this is the scheduler's safety net). Affected = rows published.
/// </summary>
public sealed class OutboxSweepJob(IOutbox outbox) : IScheduledJob
{
    public string Name => "outbox-sweep";

    public JobCadence Cadence => JobCadence.EveryTick;

    public Task<int> RunAsync(CancellationToken cancellationToken) => outbox.PublishPendingAsync(cancellationToken);
}
