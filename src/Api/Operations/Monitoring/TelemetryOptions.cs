namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// The standard OpenTelemetry variables the service itself decides by; the exporters read the others
/// (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_TRACES_SAMPLER</c> …)
/// themselves.
/// </summary>
public sealed class TelemetryOptions
{
    [ConfigurationKeyName("OTEL_SERVICE_NAME")]
    public string ServiceName { get; set; } = "cleanvisitors-api";

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: set, telemetry is exported over OTLP.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string? ExporterEndpoint { get; set; }

    [ConfigurationKeyName("OTEL_SDK_DISABLED")]
    public string? SdkDisabled { get; set; }

    /// <summary><c>OTEL_TRACES_EXPORTER</c>: <c>none</c> keeps traces home.</summary>
    [ConfigurationKeyName("OTEL_TRACES_EXPORTER")]
    public string? TracesExporter { get; set; }

    /// <summary><c>OTEL_LOGS_EXPORTER</c>: <c>otlp</c> sends logs too.</summary>
    [ConfigurationKeyName("OTEL_LOGS_EXPORTER")]
    public string? LogsExporter { get; set; }

    /// <summary>Every <c>OTEL_*</c> variable, for an exporter that reads them through the service (the OTLP log sink).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();

    /// <summary>Whether the service exports over OTLP: an endpoint is set and the SDK is not disabled.</summary>
    public bool Exported => ExporterEndpoint is not null && !string.Equals(SdkDisabled, "true", StringComparison.OrdinalIgnoreCase);

    public bool TracesExported => Exported && !string.Equals(TracesExporter, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether logs go over OTLP too; standard output keeps every line either way.</summary>
    public bool LogsExported => Exported && string.Equals(LogsExporter, "otlp", StringComparison.OrdinalIgnoreCase);
}
