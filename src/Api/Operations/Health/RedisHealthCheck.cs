using CleanVisitors.Api.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanVisitors.Api.Operations.Health;

/// <summary>
/// Where the rate limits are counted (ADR 010): Healthy when in Redis (it answers a ping) or when <c>REDIS_URL</c> is not
/// set (one instance counts for itself); Degraded when Redis is set but does not answer, since each instance then counts
/// on its own. Never Unhealthy: requests are served either way, so readiness does not depend on it.
/// </summary>
internal sealed class RedisHealthCheck(SharedCounters counters) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!counters.IsConfigured)
        {
            return HealthCheckResult.Healthy("REDIS_URL not set: this instance counts the rate limits on its own.");
        }

        const string perInstance = "Redis does not answer: each instance counts the rate limits on its own until it does.";
        if (counters.Connection is not { } redis)
        {
            return HealthCheckResult.Degraded(perInstance);
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:0.0} ms): the rate limits are shared by every instance.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded(perInstance, ex);
        }
    }
}
