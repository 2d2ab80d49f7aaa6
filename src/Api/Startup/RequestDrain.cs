using CleanVisitors.Api.Http;
using CleanVisitors.Api.Operations.Health;
using CleanVisitors.Api.Operations.Monitoring;
using Microsoft.Net.Http.Headers;

namespace CleanVisitors.Api.Startup;

/// <summary>
/// The drain of a graceful shutdown. From the moment shutdown starts, a request that arrives is refused at once (503,
/// <c>Retry-After</c>, <c>Connection: close</c>: nothing of it runs, so a client may safely send it again, to another
/// instance), every response closes its keep-alive connection, and the host waits here, in <see cref="StoppingAsync"/>
/// (before Kestrel or any hosted service stops), until the requests admitted before that moment have finished or
/// <c>SHUTDOWN_TIMEOUT_SECONDS</c> has passed. Waiting here rather than in Kestrel's own stop matters: Kestrel's stop
/// cancels the pending read of a request whose body is still arriving, and a JSON body read part-way then fails.
/// Steady traffic cannot hold the drain open, because nothing new is admitted once it started. Health probes pass
/// through, uncounted, and so do metrics: readiness answers 503 from the same moment, liveness stays 200.
/// </summary>
public sealed partial class RequestDrain(ShutdownState state, ILogger<RequestDrain> logger)
    : IMiddleware, IHostedLifecycleService
{
    /// <summary>Seconds a refused client is told to wait before trying again (by then another instance answers).</summary>
    public const string RetryAfterSeconds = "1";

    private static readonly Func<object, Task> CloseWhenStopping = CloseConnectionWhenStopping;

    private readonly Lock _gate = new();
    private bool _draining;
    private int _inFlight;
    private TaskCompletionSource _idle = Idle();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (ManagementPort.IsOperational(context.Request.Path))
        {
            await next(context);
            return;
        }

        bool admitted;
        lock (_gate)
        {
            admitted = !_draining;
            if (admitted && _inFlight++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (!admitted)
        {
            await RefuseAsync(context);
            return;
        }

        context.Response.OnStarting(CloseWhenStopping, context);
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
            _draining = true;
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
            LogDrained(logger, inFlight);
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

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        context.Response.Headers.Connection = "close";
        return MiddlewareProblems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
            "This instance is shutting down and did not run the request; send it again.", code: "service.shutting_down");
    }

    /// <summary>A response that starts once shutdown began closes its connection, so no keep-alive outlives the drain.</summary>
    private static Task CloseConnectionWhenStopping(object value)
    {
        var context = (HttpContext)value;
        if (context.RequestServices.GetRequiredService<ShutdownState>().IsStopping)
        {
            context.Response.Headers[HeaderNames.Connection] = "close";
        }

        return Task.CompletedTask;
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {InFlight} in-flight requests to finish before the server stops; new requests are refused")]
    private static partial void LogDraining(ILogger logger, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {InFlight} in-flight requests finished")]
    private static partial void LogDrained(ILogger logger, int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout reached with {InFlight} requests still in flight: they are aborted")]
    private static partial void LogDrainTimedOut(ILogger logger, int inFlight);
}
