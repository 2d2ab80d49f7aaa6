namespace CleanVisitors.Api.Operations.Health;

/// <summary>Whether shutdown has begun: readiness fails from that moment, so load balancers stop sending traffic.</summary>
public sealed class ShutdownState
{
    private long _stoppingSince;

    public bool IsStopping => Interlocked.Read(ref _stoppingSince) != 0;

    public void MarkStopping() => Interlocked.CompareExchange(ref _stoppingSince, Environment.TickCount64, 0);
}
