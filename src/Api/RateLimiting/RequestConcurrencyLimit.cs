using System.Globalization;
using System.Threading.RateLimiting;
using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.Http;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// Load shedding with a queue (issue 9 §3): at most <c>MAX_CONCURRENT_REQUESTS</c> requests run at once (default
/// <c>DB_POOL_SIZE</c>, so every running request can have a database connection without waiting for one), up to
/// <c>MAX_QUEUED_REQUESTS</c> more (default 1,000) wait their turn in arrival order, and only a request beyond both is
/// shed: 503 problem with <c>Retry-After</c>. Without it, a burst wider than the pool waited inside Npgsql for a
/// connection, and every wait past the connect timeout became a 503. Health and metrics pass by: a probe must answer
/// while the service is busy. The queue is <see cref="ConcurrencyLimiter"/>'s (System.Threading.RateLimiting).
/// </summary>
public sealed partial class RequestConcurrencyLimit : IMiddleware, IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly ILogger<RequestConcurrencyLimit> _logger;

    public RequestConcurrencyLimit(IOptions<ServerOptions> server, IOptions<DatabaseOptions> database, ILogger<RequestConcurrencyLimit> logger)
    {
        PermitLimit = server.Value.MaxConcurrentRequests ?? database.Value.PoolSize;
        QueueLimit = server.Value.MaxQueuedRequests;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = PermitLimit,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _logger = logger;
    }

    public int PermitLimit { get; }

    public int QueueLimit { get; }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (ManagementPort.IsOperational(context.Request.Path))
        {
            await next(context);
            return;
        }

        RateLimitLease lease;
        try
        {
            // Completes at once while a permit is free; else waits in the queue, or fails at once when that is full.
            lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while queued: nothing ran, nobody to answer
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                LogShed(_logger, PermitLimit, QueueLimit);
                context.Response.Headers.RetryAfter = "1";
                await MiddlewareProblems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
                    string.Create(CultureInfo.InvariantCulture, $"The service is at capacity ({PermitLimit} requests running, {QueueLimit} waiting); try again shortly."),
                    code: "service.overloaded");
                return;
            }

            await next(context);
        }
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request shed: {PermitLimit} running and {QueueLimit} queued already")]
    private static partial void LogShed(ILogger logger, int permitLimit, int queueLimit);
}
