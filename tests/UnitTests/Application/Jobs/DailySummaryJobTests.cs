using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Jobs.Scheduled;
using CleanVisitors.Application.Notifications;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Jobs;

public sealed class DailySummaryJobTests
{
    [Fact]
    public void EventIdFor_TheSameDay_IsTheSameVersion8Id()
    {
        var day = new DateOnly(2026, 11, 26);

        var first = DailySummaryJob.EventIdFor(day);
        var second = DailySummaryJob.EventIdFor(new DateOnly(2026, 11, 26));

        Assert.Equal(first, second);
        Assert.Equal(8, first.Version);
        Assert.Equal(0b10, first.Variant >> 2);
    }

    [Fact]
    public void EventIdFor_DifferentDays_Differ()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => DailySummaryJob.EventIdFor(new DateOnly(2026, 1, 1).AddDays(i))).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public async Task RunAsync_WritesYesterdaysRequestUnderTheDaysId_AndCountsOnlyANewRow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 30, 0, TimeSpan.Zero));
        var outbox = Substitute.For<IOutbox>();
        var yesterday = new DateOnly(2026, 11, 25);
        var id = DailySummaryJob.EventIdFor(yesterday);
        outbox.AddOnceAsync(id, new DailySummaryRequested(id, yesterday), time.GetUtcNow(), Arg.Any<CancellationToken>()).Returns(true, false);
        var job = new DailySummaryJob(outbox, time);

        Assert.Equal(1, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
    }
}
