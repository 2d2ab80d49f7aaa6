using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// Every <c>PERFORMANCE_REPORT_INTERVAL_SECONDS</c> (default 60; 0 turns it off) one structured event with the
/// interval's requests, error rate, p50/p95/p99 and the five slowest routes.
/// </summary>
public sealed class PerformanceReporter(RequestStatistics statistics, IOptions<MonitoringOptions> options, TimeProvider time, ILogger<PerformanceReporter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.PerformanceReportIntervalSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Report(statistics.TakeSnapshot(), seconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the last partial interval is not reported.
        }
    }

    /// <summary>
    /// Written by hand, not with <c>[LoggerMessage]</c>: the generator names the state entry after the parameter
    /// (<c>slowestRoutes</c>) and drops the <c>@</c>, so Serilog would log the routes as strings under another name
    /// than the template's. Once per interval, so not a hot path.
    /// </summary>
    [SuppressMessage("Performance", "CA1848:Use the LoggerMessage delegates", Justification = "The generator loses the @ of {@SlowestRoutes}; see above.")]
    private void Report(PerformanceSnapshot snapshot, int seconds) =>
        logger.LogInformation(
            "Performance over {IntervalSeconds} s: {Requests} requests, {Errors} errors (rate {ErrorRate}), p50 {P50Ms} ms, p95 {P95Ms} ms, p99 {P99Ms} ms; slowest routes {@SlowestRoutes}",
            seconds, snapshot.Requests, snapshot.Errors, snapshot.ErrorRate, snapshot.P50Ms, snapshot.P95Ms, snapshot.P99Ms,
            // Anonymous: a named record would add "$type":"RouteSummary" to each route of the JSON line.
            snapshot.SlowestRoutes.Select(r => new { r.Route, r.Count, r.AverageMs, r.MaxMs }).ToArray());
}
