using System.Diagnostics;

namespace CleanVisitors.Application.Common.Telemetry;

/// <summary>
/// The service's own spans (scheduled job runs, the outbox's publish of a row), beside the framework's (ASP.NET Core,
/// Npgsql, HttpClient, MassTransit). Spans exist only while something listens: the OpenTelemetry SDK when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Tracing
{
    public const string SourceName = "CleanVisitors";

    public static readonly ActivitySource Source = new(SourceName);
}
