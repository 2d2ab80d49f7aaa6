using CleanVisitors.Api.Operations.Logging;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Api.Security;
using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Configuration;

/// <summary>
/// Every options class of the service (the API's here, the application's and infrastructure's in
/// <see cref="InfrastructureSettings"/>), bound from the Node service's variable names and validated when the host starts;
/// <see cref="Check"/> reports every problem at once before anything listens (the Node service's start-up config validation).
/// </summary>
public static class ServiceSettings
{
    /// <summary>The verdict on <paramref name="configuration"/> for <paramref name="environmentName"/>: each problem names its variable and the fix.</summary>
    public static SettingsReport Check(IConfiguration configuration, string environmentName)
    {
        var settings = Settings.Normalize(configuration);
        return SettingsRegistration.Check(settings, new SettingsEnvironment(environmentName), services => services.AddServiceSettings(settings));
    }

    /// <summary>All options classes, as the host registers them.</summary>
    public static IServiceCollection AddServiceSettings(this IServiceCollection services, IConfiguration settings) =>
        services.AddInfrastructureSettings(settings).AddApiSettings(settings);

    public static IServiceCollection AddApiSettings(this IServiceCollection services, IConfiguration settings)
    {
        services.AddSettings<ServerOptions, ServerOptionsRules>(settings);
        services.AddSettings<SecurityOptions, SecurityOptionsRules>(settings);
        services.AddSettings<RateLimitOptions, RateLimitOptionsRules>(settings);
        services.AddSettings<MonitoringOptions, MonitoringOptionsRules>(settings);
        services.AddSettings<TelemetryOptions, TelemetryOptionsRules>(settings)
            .PostConfigure(o => o.Variables = settings.AsEnumerable()
                .Where(entry => entry.Key.StartsWith("OTEL_", StringComparison.Ordinal) && entry.Value is not null)
                .ToDictionary(entry => entry.Key, entry => entry.Value!, StringComparer.Ordinal));
        services.AddSettings<LoggingOptions, LoggingOptionsRules>(settings);
        return services;
    }
}
