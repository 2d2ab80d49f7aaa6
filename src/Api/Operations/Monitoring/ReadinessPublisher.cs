using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>Evaluates the readiness checks periodically (the health check publisher) for <see cref="ApiMetrics"/>.</summary>
public sealed class ReadinessPublisher(ApiMetrics metrics) : IHealthCheckPublisher
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    public static void Configure(HealthCheckPublisherOptions options)
    {
        options.Delay = TimeSpan.FromSeconds(1);
        options.Period = Period;
        options.Predicate = check => check.Tags.Contains(CleanVisitors.Infrastructure.DependencyInjection.ReadyTag);
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        metrics.Readiness(report.Status != HealthStatus.Unhealthy);
        return Task.CompletedTask;
    }
}
