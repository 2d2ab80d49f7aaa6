using CleanVisitors.Infrastructure.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanVisitors.Infrastructure.Health;

/// <summary>Ready only when the database answers and every migration this build knows of is applied.</summary>
internal sealed class MigrationsHealthCheck(CleanVisitorsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await db.PendingCountAsync(cancellationToken);
        return pending == 0
            ? HealthCheckResult.Healthy("All migrations applied.")
            : HealthCheckResult.Unhealthy($"{pending} migrations are not applied yet.");
    }
}
