using CleanVisitors.Api.Operations.Monitoring;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Health;

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
