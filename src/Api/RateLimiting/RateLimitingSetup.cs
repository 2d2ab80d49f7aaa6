using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using CleanVisitors.Api.Infrastructure;
using CleanVisitors.Infrastructure.Configuration;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter, as the Node service limited: a global fixed window per client (the user id when
/// authenticated, else the client IP), and a strict per-minute policy for login (per IP here, per e-mail in
/// <see cref="LoginThrottle"/>) and for <c>/api/cron/*</c>. Rejections are 429 problems with <c>Retry-After</c>.
/// </summary>
public static class RateLimitingSetup
{
    public const string StrictPolicy = "strict";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var global = new GlobalRateLimit(
            configuration.Number("RATE_LIMIT_MAX_REQUESTS", 100),
            TimeSpan.FromMilliseconds(configuration.Number("RATE_LIMIT_WINDOW_MS", 900_000)));
        var strictLimit = configuration.Number("AUTH_RATE_LIMIT_MAX_REQUESTS", 5);
        services.AddSingleton(global);
        services.AddSingleton(new LoginThrottle(strictLimit, TimeSpan.FromMinutes(1)));

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = global.Limiter;
            options.AddPolicy(StrictPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKeys.Ip(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = strictLimit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? after
                    : global.UntilReset(context);
                await WriteTooManyRequestsAsync(context, retryAfter, cancellationToken);
            };
        });
        return services;
    }

    public static Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<GlobalRateLimit>().WriteHeaders(context);
        // ASP.NET Core's problem defaults know no type for 429; every problem of this API carries one.
        return MiddlewareProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too Many Requests",
            $"Too many requests; try again in {seconds} s.", type: "https://www.rfc-editor.org/rfc/rfc6585#section-4");
    }
}

/// <summary>Whose requests count together: the authenticated user, else the client IP (forwarded only by trusted proxies).</summary>
public static class ClientKeys
{
    public static string Ip(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static string Client(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { } userId ? "user:" + userId : Ip(context);
}

/// <summary>
/// The global fixed-window limiter, and what a client is told about it: <c>X-RateLimit-Limit</c>,
/// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (seconds until the window starts afresh).
/// </summary>
public sealed class GlobalRateLimit
{
    /// <summary>Bound on remembered window starts: clients come and go, and the limiter drops idle partitions without telling us.</summary>
    private const int MaxTrackedClients = 100_000;

    private readonly ConcurrentDictionary<string, long> _windowStarts = new(StringComparer.Ordinal);

    public GlobalRateLimit(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var key = ClientKeys.Client(context);
            return RateLimitPartition.GetFixedWindowLimiter(key, partitionKey =>
            {
                // A partition's windows run from its creation; remember when, to tell clients when theirs resets. Past the
                // bound the memory is forgotten (only X-RateLimit-Reset degrades, to a whole window), so it cannot grow forever.
                if (_windowStarts.Count >= MaxTrackedClients)
                {
                    _windowStarts.Clear();
                }

                _windowStarts[partitionKey] = Environment.TickCount64;
                return new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0, AutoReplenishment = true };
            });
        });
    }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public TimeSpan UntilReset(HttpContext context)
    {
        if (!_windowStarts.TryGetValue(ClientKeys.Client(context), out var start))
        {
            return Window;
        }

        var elapsed = (Environment.TickCount64 - start) % (long)Window.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Window.TotalMilliseconds - elapsed);
    }

    public long Remaining(HttpContext context) => Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? PermitLimit;

    /// <summary>Tells the client where it stands: on every answer of an endpoint under the limit, a refusal (429, 413) included.</summary>
    public void WriteHeaders(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Remaining(context).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Math.Ceiling(UntilReset(context).TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Adds the <c>X-RateLimit-*</c> headers to every response the global limiter let through.</summary>
public sealed class RateLimitHeadersMiddleware(RequestDelegate next, GlobalRateLimit limit)
{
    public Task InvokeAsync(HttpContext context)
    {
        limit.WriteHeaders(context);
        return next(context);
    }
}

/// <summary>Login attempts per e-mail address per minute (<c>AUTH_RATE_LIMIT_MAX_REQUESTS</c>), on top of the per-IP policy.</summary>
public sealed class LoginThrottle(int permitLimit, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string? email)
    {
        using var lease = _limiter.AttemptAcquire(CleanVisitors.Domain.Common.Email.ForComparison(email ?? string.Empty));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
    }

    public void Dispose() => _limiter.Dispose();
}
