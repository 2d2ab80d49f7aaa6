namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a transaction that wrote outbox rows commits, so a notification leaves within
/// milliseconds instead of waiting for the next poll. Other instances' rows are found by the fallback poll.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
