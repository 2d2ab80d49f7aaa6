using System.Diagnostics;
using CleanVisitors.Api.Operations.Logging;
using Microsoft.Extensions.Options;
using Serilog.Context;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// One log event per request: method, route template and path, status, duration, user id, client IP, request
/// id and response size; the path without an approval link's token (<see cref="SecretPaths"/>). Health and metrics requests log at Debug, slow ones (over <c>SLOW_REQUEST_THRESHOLD_MS</c>)
/// at Warning, 5xx at Error. Also feeds <see cref="RequestStatistics"/>. Never logs headers, bodies or query strings.
/// </summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, RequestStatistics statistics, IOptions<MonitoringOptions> options, ILogger<RequestLoggingMiddleware> logger)
{
    private readonly int _slowThresholdMs = options.Value.SlowRequestThresholdMs;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var counting = new CountingStream(context.Response.Body);
        context.Response.Body = counting;
        using var requestId = LogContext.PushProperty("RequestId", context.TraceIdentifier);
        var status = 500;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // The exception handler clears the endpoint before it re-runs the pipeline; the feature keeps the original.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Endpoint;
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            var method = context.Request.Method;
            var slow = elapsedMs > _slowThresholdMs;
            statistics.Record(method, route, status, elapsedMs);
            var userId = context.User.FindFirst("sub")?.Value;
            var clientIp = context.Connection.RemoteIpAddress?.ToString();
            var path = SecretPaths.Redact(context.Request.Path.Value ?? "/");
            var size = context.Response.ContentLength ?? counting.BytesWritten;
            var level = status >= 500 ? LogLevel.Error
                : slow ? LogLevel.Warning
                : IsOperational(path) ? LogLevel.Debug
                : LogLevel.Information;
            if (slow)
            {
                LogSlowRequest(logger, level, method, route, path, status, Math.Round(elapsedMs, 2), userId, clientIp, context.TraceIdentifier, size, _slowThresholdMs);
            }
            else
            {
                LogRequest(logger, level, method, route, path, status, Math.Round(elapsedMs, 2), userId, clientIp, context.TraceIdentifier, size);
            }
        }
    }

    private static bool IsOperational(string path) =>
        path.StartsWith("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/metrics", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Message = "HTTP {Method} {Path} ({Route}) responded {StatusCode} in {ElapsedMs} ms, {ResponseSize} bytes, user {UserId}, client {ClientIp}, request {RequestId}")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string route, string path, int statusCode,
        double elapsedMs, string? userId, string? clientIp, string requestId, long responseSize);

    [LoggerMessage(Message = "Slow request: HTTP {Method} {Path} ({Route}) responded {StatusCode} in {ElapsedMs} ms (threshold {SlowThresholdMs} ms), {ResponseSize} bytes, user {UserId}, client {ClientIp}, request {RequestId}")]
    private static partial void LogSlowRequest(ILogger logger, LogLevel level, string method, string route, string path, int statusCode,
        double elapsedMs, string? userId, string? clientIp, string requestId, long responseSize, int slowThresholdMs);

    /// <summary>Counts the bytes of the response body as they pass through.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesWritten { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            BytesWritten += count;
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            BytesWritten += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            BytesWritten += count;
            return inner.WriteAsync(buffer, offset, count, cancellationToken);
        }
    }
}
