using CleanVisitors.Infrastructure.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CleanVisitors.Infrastructure.Health;

/// <summary>Ready only when the database answers and every migration this build knows of is applied.</summary>
internal sealed class MigrationsHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await MigrationState.PendingCountAsync(dataSource, cancellationToken);
        return pending == 0
            ? HealthCheckResult.Healthy("All migrations applied.")
            : HealthCheckResult.Unhealthy($"{pending} migrations are not applied yet.");
    }
}
