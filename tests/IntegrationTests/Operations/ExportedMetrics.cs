using System.Collections.Frozen;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// The metric names the API exports on <c>/metrics</c> (MANAGEMENT_PORT), as they appear in the Prometheus exposition:
/// the one list the alert rules (deploy/prometheus/alerts.yml) and the Grafana dashboard (deploy/grafana) may use,
/// besides Prometheus's own <c>up</c>. Histograms are listed by their base name; their series are the base name with
/// <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
public static class ExportedMetrics
{
    /// <summary>Every exported name (histograms by base name).</summary>
    public static readonly IReadOnlySet<string> Names = new[]
    {
        // ASP.NET Core, HttpClient and Npgsql (OpenTelemetry semantic conventions).
        "http_server_request_duration_seconds",
        "http_client_request_duration_seconds",
        "db_client_operation_duration_seconds",
        // .NET runtime.
        "dotnet_process_memory_working_set_bytes",
        "dotnet_gc_last_collection_heap_size_bytes",
        "dotnet_gc_collections_total",
        // CleanVisitors.
        "cleanvisitors_ready",
        "cleanvisitors_outbox_backlog",
        "cleanvisitors_outbox_oldest_age_seconds",
        "cleanvisitors_notifications_sent_total",
        "cleanvisitors_notifications_failed_total",
        "cleanvisitors_notifications_dead_lettered_total",
        "cleanvisitors_job_runs_total",
        "cleanvisitors_job_duration_seconds",
        "cleanvisitors_job_last_success_time_seconds",
        "cleanvisitors_rate_limit_rejections_total",
        "cleanvisitors_logins_failed_total",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The histograms among <see cref="Names"/>: each is exposed as <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.</summary>
    public static readonly IReadOnlySet<string> Histograms = new[]
    {
        "http_server_request_duration_seconds",
        "http_client_request_duration_seconds",
        "db_client_operation_duration_seconds",
        "cleanvisitors_job_duration_seconds",
    }.ToFrozenSet(StringComparer.Ordinal);
}
