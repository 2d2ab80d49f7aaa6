using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Application.Common.Security;
using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using InfrastructureSetup = CleanVisitors.Infrastructure.DependencyInjection;

namespace CleanVisitors.Api.Operations.Health;

/// <summary>
/// <c>/health</c> (nothing checked), <c>/health/live</c> (the process answers), <c>/health/ready</c> (database,
/// migrations, broker when configured; 503 otherwise and from the moment shutdown starts), <c>/health/detailed</c>
/// (every check, Admin only unless <c>HEALTH_DETAILED_PUBLIC=true</c>). None is rate limited.
/// </summary>
public static class HealthSetup
{
    public const string DetailedTag = "detailed";

    public const string BasePath = "/health";

    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ShutdownState>();
        services.AddHealthChecks()
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [InfrastructureSetup.ReadyTag])
            .AddCheck<MemoryHealthCheck>("memory", tags: [DetailedTag])
            .AddCheck<WhatsAppConfigurationHealthCheck>("whatsapp", tags: [DetailedTag])
            .AddCheck<BlobStorageHealthCheck>("blob-storage", tags: [DetailedTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [DetailedTag]);
        return services;
    }

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(BasePath, new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(InfrastructureSetup.ReadyTag) })
            .DisableRateLimiting();
        var detailed = app.MapHealthChecks("/health/detailed", new HealthCheckOptions
        {
            Predicate = _ => true,
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        }).DisableRateLimiting();
        if (!app.Services.GetRequiredService<IOptions<MonitoringOptions>>().Value.HealthDetailedPublic)
        {
            detailed.RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        }
    }
}
