using System.Diagnostics.Metrics;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>
/// The figures operators alert on, as the database has them: the outbox's backlog and oldest pending row, and each
/// job's last successful run (issue 12, deploy/prometheus/alerts.yml); and each run counted by job and outcome.
/// </summary>
public sealed class OperationalMetricsTests(CronApiFactory factory) : CronTest(factory)
{
    [Fact]
    public async Task OutboxBacklog_AndTheOldestPendingRowsAge_AreMeasured()
    {
        // A row that waits: written an hour ago, its next attempt tomorrow (the dispatcher leaves it alone).
        await Factory.ExecuteAsync("""
            INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, next_attempt_at)
            VALUES (@id, 'visit-notification-requested', '{}'::jsonb, now() - interval '1 hour', 3, now() + interval '1 day')
            """, ("id", Guid.CreateVersion7()));
        using var backlog = Gauge<long>("cleanvisitors.outbox.backlog");
        using var age = Gauge<double>("cleanvisitors.outbox.oldest_age");

        await Metrics.RefreshAsync(CancellationToken.None);
        backlog.RecordObservableInstruments();
        age.RecordObservableInstruments();

        Assert.True(backlog.LastMeasurement!.Value >= 1, $"backlog {backlog.LastMeasurement.Value}");
        Assert.InRange(age.LastMeasurement!.Value, 3600 - 60, 3600 + 600);
    }

    [Fact]
    public async Task AJobsRun_IsCounted_AndItsLastSuccessIsMeasured()
    {
        using var runs = new MetricCollector<long>(MeterFactory, ApplicationMetrics.MeterName, "cleanvisitors.job.runs");
        using var lastSuccess = Gauge<double>("cleanvisitors.job.last_success_time");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        await RunAsync("mark-no-shows");
        await Metrics.RefreshAsync(CancellationToken.None);
        lastSuccess.RecordObservableInstruments();

        var run = Assert.Single(runs.GetMeasurementSnapshot(), m => Equals(m.Tags["job.name"], "mark-no-shows"));
        Assert.Equal("succeeded", run.Tags["outcome"]);
        var measured = Assert.Single(lastSuccess.GetMeasurementSnapshot(), m => Equals(m.Tags["job.name"], "mark-no-shows"));
        Assert.InRange(measured.Value, before - 1, before + 300);
        // A job that never succeeded here is at 0 ("long ago"), so the alert for a job that does not run sees it.
        Assert.Equal(0, Assert.Single(lastSuccess.GetMeasurementSnapshot(), m => Equals(m.Tags["job.name"], "purge-retention")).Value);
    }

    private IMeterFactory MeterFactory => Factory.Services.GetRequiredService<IMeterFactory>();

    private OperationalMetrics Metrics => Factory.Services.GetRequiredService<OperationalMetrics>();

    private MetricCollector<T> Gauge<T>(string instrument)
        where T : struct => new(MeterFactory, OperationalMetrics.MeterName, instrument);
}
