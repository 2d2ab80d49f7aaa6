using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Jobs;

/// <summary>How a run is recorded when it fails, and when it is stopped from outside (an instance shutting down mid-tick).</summary>
public sealed class JobRunnerTests
{
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
        Runner = new JobRunner(_db, locks, Options.Create(new JobOptions()), new FakeTimeProvider(DateTimeOffset.UnixEpoch), _logger);
    }

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
    }

    [Fact]
    public async Task AFault_IsRecordedWithItsError_AndLoggedAsAnError()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Runner.RunAsync("expire-pending", _ => throw new InvalidOperationException("boom"), CancellationToken.None));

        var run = Assert.Single(_runs);
        Assert.Equal(CronRunOutcome.Failed, run.Outcome);
        Assert.Equal("InvalidOperationException: boom", run.Error);
        Assert.Equal(LogLevel.Error, _logger.LatestRecord.Level);
    }
}
