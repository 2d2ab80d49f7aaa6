using CleanVisitors.Api.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CleanVisitors.UnitTests.Api;

public sealed class MemoryMonitorTests : IDisposable
{
    private const long Mb = 1_048_576;
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeLogger<MemoryMonitor> _logger = new();
    private readonly MemoryMonitor _monitor;

    public MemoryMonitorTests() =>
        _monitor = new MemoryMonitor(new ConfigurationBuilder().Build(), new FakeTimeProvider(Start), _logger);

    public void Dispose() => _monitor.Dispose();

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
    public void Observe_WhenTheHeapRoseInEachOfTenSamples_ReportsASuspectedLeakWithItsGrowthRate()
    {
        // 10 MB more every 30 s: 90 MB over 4.5 minutes is 20 MB/min.
        for (var i = 0; i < MemoryMonitor.LeakWindow; i++)
        {
            _monitor.Observe(Sample(i, heapMb: 100 + (10 * i), workingSetMb: 200));
        }

        var leak = Assert.Single(Warnings());
        Assert.StartsWith("Suspected memory leak", leak.Message, StringComparison.Ordinal);
        Assert.Equal("20", State(leak, "GrowthMbPerMinute"));
        Assert.Equal("10", State(leak, "Samples"));
        Assert.Equal("190", State(leak, "GcHeapMb"));
    }

    [Fact]
    public void Observe_WithFewerRisingSamplesThanTheWindow_ReportsNoLeak()
    {
        for (var i = 0; i < MemoryMonitor.LeakWindow - 1; i++)
        {
            _monitor.Observe(Sample(i, heapMb: 100 + (10 * i), workingSetMb: 200));
        }

        Assert.Empty(Warnings());
    }

    [Fact]
    public void Observe_WhenTheHeapDipsWithinTheWindow_ReportsNoLeak()
    {
        long[] heaps = [100, 110, 120, 130, 140, 125, 150, 160, 170, 180];
        for (var i = 0; i < heaps.Length; i++)
        {
            _monitor.Observe(Sample(i, heapMb: heaps[i], workingSetMb: 200));
        }

        Assert.Empty(Warnings());
    }

    private static MemorySample Sample(int index, long heapMb, long workingSetMb) =>
        new(Start.AddSeconds(30 * index), heapMb * Mb, workingSetMb * Mb, 1000 * Mb, 1, 1, 1);

    private List<FakeLogRecord> Warnings() => [.. _logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning)];

    private static string? State(FakeLogRecord record, string key) => record.StructuredState!.Single(p => p.Key == key).Value;
}
