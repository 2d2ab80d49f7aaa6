using System.Diagnostics.Metrics;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanVisitors.Infrastructure.Telemetry;

/// <summary>
/// What the database knows and operators alert on, as gauges: the outbox's backlog and the age of its oldest pending
/// row, and each scheduled job's last successful run. Read every <see cref="SampleInterval"/> by two small indexed
/// queries (the pending rows' partial index; cron runs by job and start), never in the exporter's scrape: a scrape
/// must not wait for the database. Every instance reads the same figures; alert rules take their maximum.
/// </summary>
public sealed partial class OperationalMetrics : BackgroundService
{
    public const string MeterName = "CleanVisitors.Operations";

    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(15);

    private readonly NpgsqlDataSource _dataSource;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<OperationalMetrics> _logger;
    private readonly ApplicationMetrics _applicationMetrics;
    private volatile Snapshot? _latest;
    private string[]? _jobs;

    public OperationalMetrics(
        NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IMeterFactory meterFactory, ApplicationMetrics applicationMetrics, TimeProvider time, ILogger<OperationalMetrics> logger)
    {
        _dataSource = dataSource;
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _applicationMetrics = applicationMetrics;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("cleanvisitors.outbox.backlog", () => _latest is { } s ? [new Measurement<long>(s.Backlog)] : Array.Empty<Measurement<long>>(),
            "{message}", "Outbox rows not yet dispatched.");
        meter.CreateObservableGauge("cleanvisitors.outbox.oldest_age", ObserveOldestAge, "s", "Age of the oldest outbox row not yet dispatched; 0 when none.");
        meter.CreateObservableGauge("cleanvisitors.job.last_success_time", ObserveLastSuccesses, "s", "Unix time of each scheduled job's last successful run; 0 when it never succeeded.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _applicationMetrics.StartAtZero(Jobs());
        using var timer = new PeriodicTimer(SampleInterval, _time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The last figures stay (readiness and its alert say when the database is gone); a failed sample must
                // never end the service, and with it the host.
                LogNotSampled(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Reads the figures now (the background loop does every <see cref="SampleInterval"/>).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        _latest = await SampleAsync(Jobs(), cancellationToken);
    }

    private string[] Jobs()
    {
        if (_jobs is null)
        {
            using var scope = _scopes.CreateScope();
            _jobs = [TickJob.Name, .. scope.ServiceProvider.GetServices<IScheduledJob>().Select(job => job.Name)];
        }

        return _jobs;
    }

    private async Task<Snapshot> SampleAsync(string[] jobs, CancellationToken cancellationToken)
    {
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*), min(occurred_at) FROM outbox_messages WHERE dispatched_at IS NULL"));
        var lastSuccess = new NpgsqlBatchCommand("""
            SELECT j.job, (SELECT r.finished_at FROM cron_runs r
                           WHERE r.job = j.job AND r.outcome = 'Succeeded'
                           ORDER BY r.started_at DESC LIMIT 1)
            FROM unnest($1::text[]) AS j(job)
            """);
        lastSuccess.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = jobs });
        batch.BatchCommands.Add(lastSuccess);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var backlog = reader.GetInt64(0);
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        await reader.NextResultAsync(cancellationToken);
        var successes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A job that never succeeded is at 0 (the Unix epoch: "long ago"), so a job that never ran alerts too.
            successes[reader.GetString(0)] = reader.IsDBNull(1) ? DateTimeOffset.UnixEpoch : reader.GetFieldValue<DateTimeOffset>(1);
        }

        return new Snapshot(backlog, oldest, successes);
    }

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (_latest is not { } s)
        {
            return [];
        }

        var age = s.OldestPending is { } oldest ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0;
        return [new Measurement<double>(age)];
    }

    private IEnumerable<Measurement<double>> ObserveLastSuccesses() =>
        _latest is { } s
            ? s.LastSuccess.Select(pair => new Measurement<double>(pair.Value.ToUnixTimeMilliseconds() / 1000.0, new KeyValuePair<string, object?>("job.name", pair.Key)))
            : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operational metrics: the sample failed; the gauges keep their last figures")]
    private static partial void LogNotSampled(ILogger logger, Exception exception);

    /// <summary>One sample: pending outbox rows, the oldest one's time, and each job's last success.</summary>
    public sealed record Snapshot(long Backlog, DateTimeOffset? OldestPending, IReadOnlyDictionary<string, DateTimeOffset> LastSuccess);
}
