using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Monitoring;

/// <summary>
/// When the service exports telemetry over OTLP: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (the exporter reads it and
/// the other standard <c>OTEL_*</c> variables itself), unless <c>OTEL_SDK_DISABLED=true</c>. Traces go along unless
/// <c>OTEL_TRACES_EXPORTER=none</c>; without an export the service records no spans at all (they would cost time and
/// go nowhere). Metrics are always served at <c>/metrics</c> on <c>MANAGEMENT_PORT</c>.
/// </summary>
public static class Telemetry
{
    public static string ServiceName(IConfiguration configuration) => configuration.Setting("OTEL_SERVICE_NAME") ?? "cleanvisitors-api";

    public static bool Exported(IConfiguration configuration) =>
        configuration.Setting("OTEL_EXPORTER_OTLP_ENDPOINT") is not null
        && !string.Equals(configuration.Setting("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool TracesExported(IConfiguration configuration) =>
        Exported(configuration) && !string.Equals(configuration.Setting("OTEL_TRACES_EXPORTER"), "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether logs go over OTLP too (<c>OTEL_LOGS_EXPORTER=otlp</c>); standard output keeps every line either way.</summary>
    public static bool LogsExported(IConfiguration configuration) =>
        Exported(configuration) && string.Equals(configuration.Setting("OTEL_LOGS_EXPORTER"), "otlp", StringComparison.OrdinalIgnoreCase);
}
