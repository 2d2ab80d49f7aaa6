using CleanVisitors.Application.Common.Telemetry;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Common.Behaviors;

/// <summary>Times each handler: a histogram per request type, and a Warning when one runs slower than the threshold.</summary>
public sealed partial class PerformanceBehavior<TMessage, TResponse>(
    ILogger<PerformanceBehavior<TMessage, TResponse>> logger,
    IOptions<ApplicationOptions> options,
    ApplicationMetrics metrics,
    TimeProvider timeProvider)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly KeyValuePair<string, object?> RequestTag = new("request", typeof(TMessage).Name);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            metrics.HandlerDuration.Record(elapsed.TotalSeconds, RequestTag);
            var elapsedMs = elapsed.TotalMilliseconds;
            if (elapsedMs > options.Value.SlowHandlerThresholdMs)
            {
                LogSlow(logger, typeof(TMessage).Name, (long)elapsedMs, options.Value.SlowHandlerThresholdMs);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow handler {RequestName}: {ElapsedMs} ms (threshold {ThresholdMs} ms)")]
    private static partial void LogSlow(ILogger logger, string requestName, long elapsedMs, int thresholdMs);
}
