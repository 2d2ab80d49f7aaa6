using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanVisitors.Api.Operations.Health;

internal sealed class ShutdownHealthCheck(ShutdownState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsStopping
            ? HealthCheckResult.Unhealthy("Shutting down: not accepting new work.")
            : HealthCheckResult.Healthy("Accepting requests."));
}
