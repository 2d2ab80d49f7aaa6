using CleanVisitors.Api.Health;

namespace CleanVisitors.Api.Lifecycle;

/// <summary>
/// Lets the requests in flight when shutdown starts finish before Kestrel stops. Kestrel's own stop cancels the
/// pending read of a request whose body is still arriving, and a JSON body read part-way then fails with a 500;
/// so the host first waits here, in <see cref="StoppingAsync"/> (before any hosted service stops), until no request
/// is in flight or <c>SHUTDOWN_TIMEOUT_SECONDS</c> has passed. Meanwhile readiness answers 503 and the server still
/// answers, so a load balancer sees the 503 and stops sending; then Kestrel stops with nothing left to cut off.
/// </summary>
public sealed partial class RequestDrain(ShutdownState state, ILogger<RequestDrain> logger) : IMiddleware, IHostedLifecycleService
{
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = Idle();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        try
        {
            await next(context);
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                if (--_inFlight == 0)
                {
                    idle = _idle;
                }
            }

            idle?.TrySetResult();
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.MarkStopping();
        Task idle;
        int inFlight;
        lock (_gate)
        {
            idle = _idle.Task;
            inFlight = _inFlight;
        }

        if (inFlight == 0)
        {
            return;
        }

        LogDraining(logger, inFlight);
        try
        {
            await idle.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout: Kestrel now aborts what is left, and the process exits non-zero.
            LogDrainTimedOut(logger, Volatile.Read(ref _inFlight));
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {InFlight} in-flight requests to finish before the server stops")]
    private static partial void LogDraining(ILogger logger, int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout reached with {InFlight} requests still in flight: they are aborted")]
    private static partial void LogDrainTimedOut(ILogger logger, int inFlight);
}
