using CleanVisitors.Api.Operations.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanVisitors.UnitTests.Api;

public sealed class MemoryMonitorTests : IDisposable
{
    private const long Mb = 1_048_576;
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeLogger<MemoryMonitor> _logger = new();
    private readonly MemoryMonitor _monitor;

    public MemoryMonitorTests() =>
        _monitor = new MemoryMonitor(Options.Create(new MonitoringOptions()), new FakeTimeProvider(Start), _logger);

    private readonly List<MemoryMonitor> _monitors = [];

    public void Dispose()
    {
        _monitor.Dispose();
        _monitors.ForEach(m => m.Dispose());
    }

    [Fact]
    public void Observe_WhenTheWorkingSetIsAboveTheThreshold_LogsAWarning()
    {
        _monitor.Observe(Sample(0, heapMb: 100, workingSetMb: 950));

        var warning = Assert.Single(Warnings());
        Assert.StartsWith("Memory high", warning.Message, StringComparison.Ordinal);
        Assert.Equal("95", State(warning, "UsedPercent"));
        Assert.Equal("90", State(warning, "ThresholdPercent"));
    }

    [Fact]
    public void Observe_WhenTheWorkingSetIsBelowTheThreshold_LogsNoWarning()
    {
        _monitor.Observe(Sample(0, heapMb: 100, workingSetMb: 900));

        Assert.Empty(Warnings());
        Assert.NotEmpty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void Observe_WhenWhatSurvivesFullCollectionsKeepsRising_ReportsASuspectedLeakWithItsGrowthRate()
    {
        var monitor = Monitor(floorMb: 256);
        // A full collection every 2.5 min, each leaving 30 MB more: 150 MB over 12.5 minutes is 12 MB/min.
        for (var i = 0; i < MemoryMonitor.LeakReadings; i++)
        {
            monitor.Observe(AfterFullGc(minutes: 2.5 * i, gcIndex: i + 1, heapMb: 250 + (30 * i)));
        }

        var leak = Assert.Single(Warnings());
        Assert.StartsWith("Suspected memory leak", leak.Message, StringComparison.Ordinal);
        Assert.Equal("12", State(leak, "GrowthMbPerMinute"));
        Assert.Equal("6", State(leak, "Collections"));
        Assert.Equal("400", State(leak, "HeapAfterFullGcMb"));
    }

    [Fact]
    public void Observe_BelowTheFloor_NeverReportsALeak()
    {
        var monitor = Monitor(floorMb: 256);
        for (var i = 0; i < 20; i++)
        {
            monitor.Observe(AfterFullGc(minutes: 2.5 * i, gcIndex: i + 1, heapMb: 20 + (10 * i)));
        }

        Assert.Empty(Warnings());
    }

    [Fact]
    public void Observe_AtIdle_WithNoNewFullCollection_ReportsNoLeak()
    {
        // The situation the old rule warned about every 30 s: the heap between collections creeping up at idle.
        var monitor = Monitor(floorMb: 0);
        for (var i = 0; i < 40; i++)
        {
            monitor.Observe(new MemorySample(Start.AddSeconds(30 * i), (20 * Mb) + (i * Mb / 2), 200 * Mb, 1000 * Mb, i, 1, 1, 18 * Mb, 3));
        }

        Assert.Empty(Warnings());
    }

    [Fact]
    public void Observe_WhenSurvivorsLevelOffUnderSteadyLoad_ReportsNoLeak()
    {
        var monitor = Monitor(floorMb: 0);
        long[] heaps = [300, 340, 355, 350, 358, 352, 356, 351, 357, 353];
        for (var i = 0; i < heaps.Length; i++)
        {
            monitor.Observe(AfterFullGc(minutes: 2.5 * i, gcIndex: i + 1, heapMb: heaps[i]));
        }

        Assert.Empty(Warnings());
    }

    [Fact]
    public void Observe_WhenTheRiseSpansLessThanTheMinimum_ReportsNoLeakYet()
    {
        var monitor = Monitor(floorMb: 0);
        for (var i = 0; i < MemoryMonitor.LeakReadings; i++)
        {
            monitor.Observe(AfterFullGc(minutes: 0.5 * i, gcIndex: i + 1, heapMb: 300 + (30 * i)));
        }

        Assert.Empty(Warnings());
    }

    private MemoryMonitor Monitor(int floorMb)
    {
        var monitor = new MemoryMonitor(Options.Create(new MonitoringOptions { MemoryLeakFloorMb = floorMb }), new FakeTimeProvider(Start), _logger);
        _monitors.Add(monitor);
        return monitor;
    }

    private static MemorySample AfterFullGc(double minutes, long gcIndex, long heapMb) =>
        new(Start.AddMinutes(minutes), (heapMb + 40) * Mb, (heapMb + 200) * Mb, 10_000 * Mb, 1, 1, (int)gcIndex, heapMb * Mb, gcIndex);

    private static MemorySample Sample(int index, long heapMb, long workingSetMb) =>
        new(Start.AddSeconds(30 * index), heapMb * Mb, workingSetMb * Mb, 1000 * Mb, 1, 1, 1);

    private List<FakeLogRecord> Warnings() => [.. _logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning)];

    private static string? State(FakeLogRecord record, string key) => record.StructuredState!.Single(p => p.Key == key).Value;
}
