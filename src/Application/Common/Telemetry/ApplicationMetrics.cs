using System.Diagnostics;
using System.Diagnostics.Metrics;
using CleanVisitors.Domain.Notifications;

namespace CleanVisitors.Application.Common.Telemetry;

/// <summary>
/// The application's own meters (exported at <c>/metrics</c> on <c>MANAGEMENT_PORT</c> and over OTLP): what operators
/// alert on that the framework's meters cannot know. Names follow the OpenTelemetry conventions (dots, seconds); the
/// Prometheus exposition turns <c>cleanvisitors.job.duration</c> into <c>cleanvisitors_job_duration_seconds</c>.
/// One instance per service provider.
/// </summary>
public sealed class ApplicationMetrics
{
    public const string MeterName = "CleanVisitors.Application";

    public ApplicationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        // Bucket boundaries in seconds: without advice the SDK's defaults (0, 5, 10 … 10000) suit milliseconds.
        HandlerDuration = meter.CreateHistogram("cleanvisitors.handler.duration", "s", "Time spent in a use case's handler, per request type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HandlerBuckets });
        JobRuns = meter.CreateCounter<long>("cleanvisitors.job.runs", "{run}", "Runs of scheduled jobs by job and outcome (succeeded, failed, interrupted).");
        JobDuration = meter.CreateHistogram("cleanvisitors.job.duration", "s", "How long a scheduled job's run took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
        NotificationsSent = meter.CreateCounter<long>("cleanvisitors.notifications.sent", "{notification}", "WhatsApp messages the provider took, by kind.");
        NotificationsFailed = meter.CreateCounter<long>("cleanvisitors.notifications.failed", "{attempt}", "Deliveries the provider refused or did not answer (each retry counts), by kind.");
        NotificationsDeadLettered = meter.CreateCounter<long>("cleanvisitors.notifications.dead_lettered", "{notification}", "Notifications given up on after the last retry (their message waits in an _error queue), by kind.");
        LoginsFailed = meter.CreateCounter<long>("cleanvisitors.logins.failed", "{attempt}", "Sign-ins refused, by reason.");
    }

    public Histogram<double> HandlerDuration { get; }

    /// <summary>ASP.NET Core's request buckets (5 ms to 10 s).</summary>
    public static readonly double[] HandlerBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>A job's run: from a few milliseconds (nothing to do) to minutes (a purge of a year's visits).</summary>
    public static readonly double[] JobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>The outcomes a job run is counted by.</summary>
    public static readonly string[] JobOutcomes = ["succeeded", "failed", "interrupted"];

    /// <summary>The reasons a sign-in is refused for.</summary>
    public static readonly string[] LoginFailures = ["unknown_user", "wrong_password", "inactive_user"];

    private Counter<long> JobRuns { get; }

    private Histogram<double> JobDuration { get; }

    private Counter<long> NotificationsSent { get; }

    private Counter<long> NotificationsFailed { get; }

    private Counter<long> NotificationsDeadLettered { get; }

    private Counter<long> LoginsFailed { get; }

    /// <summary>
    /// Puts every counter series there is at 0, so Prometheus sees an instance's first failure as an increase (a
    /// series that starts at 1 has none: <c>increase()</c> needs two samples), and alert rules can rely on each series.
    /// </summary>
    public void StartAtZero(IEnumerable<string> jobs)
    {
        foreach (var job in jobs)
        {
            foreach (var outcome in JobOutcomes)
            {
                JobRuns.Add(0, new TagList { { "job.name", job }, { "outcome", outcome } });
            }
        }

        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            NotificationsSent.Add(0, KindTag(kind));
            NotificationsFailed.Add(0, KindTag(kind));
            NotificationsDeadLettered.Add(0, KindTag(kind));
        }

        foreach (var reason in LoginFailures)
        {
            LoginsFailed.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void JobRan(string job, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "job.name", job }, { "outcome", outcome } };
        JobRuns.Add(1, tags);
        JobDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("job.name", job));
    }

    public void NotificationSent(NotificationKind kind) => NotificationsSent.Add(1, KindTag(kind));

    public void NotificationFailed(NotificationKind kind) => NotificationsFailed.Add(1, KindTag(kind));

    public void NotificationDeadLettered(NotificationKind kind) => NotificationsDeadLettered.Add(1, KindTag(kind));

    public void LoginFailed(string reason) => LoginsFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The kind as a label: <c>approval_requested</c>, <c>visitor_arrived</c> …</summary>
    public static KeyValuePair<string, object?> KindTag(NotificationKind kind) => new("kind", KindNames[(int)kind]);

    private static readonly string[] KindNames = [.. Enum.GetValues<NotificationKind>().Select(k => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()))];
}
