using System.Globalization;
using System.Threading.RateLimiting;
using CleanVisitors.Api.Http;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Infrastructure.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter, as the Node service limited: a global fixed window per client (the user id when
/// authenticated, else the client IP), and a strict per-minute policy for login (per IP here, per e-mail in
/// <see cref="LoginThrottle"/>), refresh, approval links and <c>/api/cron/*</c>. Every window is counted in Redis when
/// <c>REDIS_URL</c> is set, in memory otherwise or while Redis does not answer (<see cref="SharedCounters"/>, ADR 010).
/// Rejections are 429 problems with <c>Retry-After</c>.
/// </summary>
public static class RateLimitingSetup
{
    public const string StrictPolicy = "strict";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return new SharedCounters(
                limits.RedisUrl is null ? null : RedisUrl.Parse(limits.RedisUrl), limits.RedisKeyPrefix, sp.GetRequiredService<IOptions<JwtOptions>>().Value.Secret,
                sp.GetRequiredService<ILogger<SharedCounters>>());
        });
        services.AddHostedService<SharedCounters.FirstConnection>();
        services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return new GlobalRateLimit(limits.MaxRequests, limits.Window, sp.GetRequiredService<SharedCounters>());
        });
        services.AddSingleton(sp => new LoginThrottle(
            sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.AuthMaxRequests, RateLimitOptions.StrictWindow, sp.GetRequiredService<SharedCounters>()));

        services.AddOptions<RateLimiterOptions>().Configure<GlobalRateLimit, SharedCounters, IOptions<RateLimitOptions>>((options, global, counters, limits) =>
        {
            var strictLimit = limits.Value.AuthMaxRequests;
            options.GlobalLimiter = global.Limiter;
            options.AddPolicy(StrictPolicy, context => RateLimitPartition.Get(
                ClientKeys.Ip(context),
                ip => counters.FixedWindow(StrictPolicy, ip, strictLimit, RateLimitOptions.StrictWindow)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                context.RequestServices.GetRequiredService<ApiMetrics>().Rejected(
                    GlobalRateLimit.RejectedHere(context)
                        ? "global"
                        : context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "endpoint");
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? after
                    : global.Window;
                await WriteTooManyRequestsAsync(context, retryAfter, cancellationToken);
            };
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    public static Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        GlobalRateLimit.WriteHeaders(context);
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
/// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (seconds until the window starts afresh), from the decision
/// taken on the request itself (<see cref="RateLimitStanding"/>), wherever it was counted.
/// </summary>
public sealed class GlobalRateLimit
{
    public GlobalRateLimit(int permitLimit, TimeSpan window, SharedCounters counters)
    {
        PermitLimit = permitLimit;
        Window = window;
        Limiter = new StandingRecorder(PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.Get(
            ClientKeys.Client(context),
            client => counters.FixedWindow("global", client, permitLimit, window))));
    }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private static readonly object RejectedKey = new();

    /// <summary>Whether this limit (not an endpoint's policy) refused the request.</summary>
    public static bool RejectedHere(HttpContext context) => context.Items.ContainsKey(RejectedKey);

    /// <summary>
    /// Tells the client where it stands: on every answer to a request the global limiter counted, a refusal (429, 413)
    /// included. A request it did not count (an endpoint without limits, a failure before the limiter) gets no headers.
    /// </summary>
    public static void WriteHeaders(HttpContext context)
    {
        if (context.Features.Get<RateLimitStanding>() is not { } standing
            || context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = standing.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = standing.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Math.Ceiling(standing.Reset.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps the global decision on the request (as a feature) for the headers.</summary>
    private sealed class StandingRecorder(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            Record(resource, inner.AttemptAcquire(resource, permitCount));

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            Record(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await inner.DisposeAsync();
            await base.DisposeAsyncCore();
        }

        private static RateLimitLease Record(HttpContext context, RateLimitLease lease)
        {
            if (lease is StandingLease decided)
            {
                context.Features.Set(decided.Standing);
            }

            // The middleware asks twice when the first answer is no (AttemptAcquire, then AcquireAsync, which Redis can
            // only answer asynchronously): the last answer is the decision.
            if (lease.IsAcquired)
            {
                context.Items.Remove(RejectedKey);
            }
            else
            {
                context.Items[RejectedKey] = true;
            }

            return lease;
        }
    }
}

/// <summary>Adds the <c>X-RateLimit-*</c> headers to every response the global limiter let through.</summary>
public sealed class RateLimitHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        GlobalRateLimit.WriteHeaders(context);
        return next(context);
    }
}

/// <summary>
/// Login attempts per e-mail address per minute (<c>AUTH_RATE_LIMIT_MAX_REQUESTS</c>), on top of the per-IP policy,
/// counted where the other limits are (<see cref="SharedCounters"/>).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string PolicyName = "login-email";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    public LoginThrottle(int permitLimit, TimeSpan window, SharedCounters counters)
    {
        _window = window;
        _limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.Get(
            email,
            key => counters.FixedWindow(PolicyName, key, permitLimit, window)));
    }

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(string? email, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(CleanVisitors.Domain.Common.Email.ForComparison(email ?? string.Empty), 1, cancellationToken);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    public void Dispose() => _limiter.Dispose();
}
