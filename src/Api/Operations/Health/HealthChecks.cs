using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Infrastructure.Notifications.WhatsApp;
using CleanVisitors.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Health;

/// <summary>Whether shutdown has begun: readiness fails from that moment, so load balancers stop sending traffic.</summary>
public sealed class ShutdownState
{
    private long _stoppingSince;

    public bool IsStopping => Interlocked.Read(ref _stoppingSince) != 0;

    public void MarkStopping() => Interlocked.CompareExchange(ref _stoppingSince, Environment.TickCount64, 0);
}

internal sealed class ShutdownHealthCheck(ShutdownState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsStopping
            ? HealthCheckResult.Unhealthy("Shutting down: not accepting new work.")
            : HealthCheckResult.Healthy("Accepting requests."));
}

/// <summary>Degraded when the working set is above <c>MEMORY_WARNING_PERCENT</c> of the memory limit the runtime sees.</summary>
internal sealed class MemoryHealthCheck(IOptions<MonitoringOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly int _threshold = options.Value.MemoryWarningPercent;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sample = MemorySample.Take(time.GetUtcNow());
        var data = new Dictionary<string, object>
        {
            ["gcHeapBytes"] = sample.GcHeapBytes,
            ["workingSetBytes"] = sample.WorkingSetBytes,
            ["limitBytes"] = sample.LimitBytes,
            ["usedPercent"] = sample.UsedPercent,
        };
        var description = $"{sample.UsedPercent} % of {sample.LimitBytes / 1_048_576} MB in use (threshold {_threshold} %).";
        return Task.FromResult(sample.UsedPercent > _threshold
            ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data));
    }
}

/// <summary>Degraded when WhatsApp is not configured: notifications are then recorded as Skipped, not sent.</summary>
internal sealed class WhatsAppConfigurationHealthCheck(IOptions<WhatsAppOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = options.Value.IsConfigured;
        return Task.FromResult(configured
            ? HealthCheckResult.Healthy("WhatsApp provider configured.")
            : HealthCheckResult.Degraded("WHATSAPP_API_URL / WHATSAPP_API_TOKEN not set: notifications are skipped."));
    }
}

/// <summary>Unhealthy when the photo store (<c>BLOB_STORAGE_PATH</c>) cannot be written.</summary>
internal sealed class BlobStorageHealthCheck(IOptions<BlobStorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.UsesVercelBlob)
        {
            return HealthCheckResult.Healthy("Photos are stored in Vercel Blob.");
        }

        var path = Path.GetFullPath(options.Value.LocalPath);
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".health-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("Photo storage is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"Photo storage at BLOB_STORAGE_PATH is not writable: {ex.GetType().Name}.");
        }
    }
}

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
