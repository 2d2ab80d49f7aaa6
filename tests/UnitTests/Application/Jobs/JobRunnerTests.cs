using System.Diagnostics.Metrics;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Jobs;

/// <summary>How a run is recorded when it fails, and when it is stopped from outside (an instance shutting down mid-tick).</summary>
public sealed class JobRunnerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IApplicationDbContext _db = Substitute.For<IApplicationDbContext>();
    private readonly FakeLogger<JobRunner> _logger = new();
    private readonly List<CronRun> _runs = [];

    public JobRunnerTests()
    {
        var set = Substitute.For<DbSet<CronRun>>();
        set.When(s => s.Add(Arg.Any<CronRun>())).Do(call => _runs.Add(call.Arg<CronRun>()));
        _db.CronRuns.Returns(set);
        var locks = Substitute.For<IJobLock>();
        locks.TryAcquireAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Substitute.For<IAsyncDisposable>());
        var meters = _services.GetRequiredService<IMeterFactory>();
        Runs = new MetricCollector<long>(meters, ApplicationMetrics.MeterName, "cleanvisitors.job.runs");
        Durations = new MetricCollector<double>(meters, ApplicationMetrics.MeterName, "cleanvisitors.job.duration");
        Runner = new JobRunner(_db, locks, Options.Create(new JobOptions()), new ApplicationMetrics(meters), new FakeTimeProvider(DateTimeOffset.UnixEpoch), _logger);
    }

    private MetricCollector<long> Runs { get; }

    private MetricCollector<double> Durations { get; }

    private JobRunner Runner { get; }

    [Fact]
    public async Task StoppedFromOutside_IsRecordedAsInterrupted_WithAWarning_NotAnError()
    {
        using var stopping = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync("expire-pending", async token =>
        {
            await stopping.CancelAsync();
            token.ThrowIfCancellationRequested();
            return 0;
        }, stopping.Token));

        var run = Assert.Single(_runs);
        Assert.Equal(CronRunOutcome.Failed, run.Outcome);
        Assert.Equal(JobRunner.Interrupted, run.Error);
        Assert.Equal(LogLevel.Warning, _logger.LatestRecord.Level);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
        AssertCounted("interrupted");
    }

    [Fact]
    public async Task AFault_IsRecordedWithItsError_AndLoggedAsAnError()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Runner.RunAsync("expire-pending", _ => throw new InvalidOperationException("boom"), CancellationToken.None));

        var run = Assert.Single(_runs);
        Assert.Equal(CronRunOutcome.Failed, run.Outcome);
        Assert.Equal("InvalidOperationException: boom", run.Error);
        Assert.Equal(LogLevel.Error, _logger.LatestRecord.Level);
        AssertCounted("failed");
    }

    [Fact]
    public async Task AFailure_IsCounted_EvenWhenItsRecordCannotBeSaved()
    {
        // The database is what failed: the run's start was saved, its failure cannot be.
        _db.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromResult(1), Task.FromException<int>(new InvalidOperationException("database gone")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Runner.RunAsync("expire-pending", _ => throw new TimeoutException("database gone"), CancellationToken.None));

        AssertCounted("failed");
    }

    [Fact]
    public async Task ASuccess_IsCountedWithItsDuration()
    {
        var result = await Runner.RunAsync("mark-no-shows", _ => Task.FromResult(3), CancellationToken.None);

        Assert.True(result.IsSuccess);
        AssertCounted("succeeded");
    }

    private void AssertCounted(string outcome)
    {
        var run = Assert.Single(Runs.GetMeasurementSnapshot());
        Assert.Equal(1, run.Value);
        Assert.Equal(outcome, run.Tags["outcome"]);
        var job = Assert.IsType<string>(run.Tags["job.name"]);
        var duration = Assert.Single(Durations.GetMeasurementSnapshot());
        Assert.Equal(job, duration.Tags["job.name"]);
        Assert.True(duration.Value >= 0);
    }

    public void Dispose()
    {
        Runs.Dispose();
        Durations.Dispose();
        _services.Dispose();
    }
}
