using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>The bus health check, with Degraded (some endpoint not consuming: the broker is gone) reported as Unhealthy.</summary>
internal sealed class StrictBusHealthCheck(IHealthCheck bus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await bus.CheckHealthAsync(context, cancellationToken);
        return result.Status == HealthStatus.Degraded
            ? new HealthCheckResult(HealthStatus.Unhealthy, result.Description, result.Exception, result.Data)
            : result;
    }
}
