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
