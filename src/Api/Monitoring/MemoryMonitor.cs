using System.Diagnostics;
using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Monitoring;

/// <summary>One reading of the process's memory against the limit the runtime sees (container limits included).</summary>
public sealed record MemorySample(DateTimeOffset At, long GcHeapBytes, long WorkingSetBytes, long LimitBytes, int Gen0, int Gen1, int Gen2)
{
    public double UsedPercent => LimitBytes <= 0 ? 0 : Math.Round(100.0 * WorkingSetBytes / LimitBytes, 1);

    public static MemorySample Take(DateTimeOffset at)
    {
        var info = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return new MemorySample(at, GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, info.TotalAvailableMemoryBytes,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }
}

/// <summary>
/// Every 30 s (<c>MEMORY_MONITOR_INTERVAL_SECONDS</c>): GC heap, working set and GC counts against the memory
/// limit. A Warning above <c>MEMORY_WARNING_PERCENT</c> (default 90); a heap that rose in every one of the last
/// <see cref="LeakWindow"/> samples is logged as a suspected leak with its growth rate.
/// </summary>
public sealed partial class MemoryMonitor(IConfiguration configuration, TimeProvider time, ILogger<MemoryMonitor> logger) : BackgroundService
{
    public const int LeakWindow = 10;

    private readonly Queue<MemorySample> _recent = new();

    public int WarningPercent { get; } = configuration.Number("MEMORY_WARNING_PERCENT", 90);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Max(1, configuration.Number("MEMORY_MONITOR_INTERVAL_SECONDS", 30));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Observe(MemorySample.Take(time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Judges one sample against the limit and the recent trend.</summary>
    public void Observe(MemorySample sample)
    {
        _recent.Enqueue(sample);
        while (_recent.Count > LeakWindow)
        {
            _recent.Dequeue();
        }

        LogSample(logger, sample.GcHeapBytes / 1_048_576, sample.WorkingSetBytes / 1_048_576, sample.LimitBytes / 1_048_576, sample.UsedPercent, sample.Gen0, sample.Gen1, sample.Gen2);
        if (sample.UsedPercent > WarningPercent)
        {
            LogHigh(logger, sample.UsedPercent, WarningPercent, sample.WorkingSetBytes / 1_048_576, sample.LimitBytes / 1_048_576);
        }

        if (_recent.Count == LeakWindow && IsSteadyRise(_recent))
        {
            var first = _recent.Peek();
            var minutes = Math.Max((sample.At - first.At).TotalMinutes, 1.0 / 60);
            var rate = Math.Round((sample.GcHeapBytes - first.GcHeapBytes) / 1_048_576.0 / minutes, 2);
            LogSuspectedLeak(logger, LeakWindow, rate, sample.GcHeapBytes / 1_048_576);
        }
    }

    internal static bool IsSteadyRise(IEnumerable<MemorySample> samples)
    {
        MemorySample? previous = null;
        foreach (var sample in samples)
        {
            if (previous is not null && sample.GcHeapBytes <= previous.GcHeapBytes)
            {
                return false;
            }

            previous = sample;
        }

        return previous is not null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Memory: GC heap {GcHeapMb} MB, working set {WorkingSetMb} MB of {LimitMb} MB ({UsedPercent} %), GCs {Gen0}/{Gen1}/{Gen2}")]
    private static partial void LogSample(ILogger logger, long gcHeapMb, long workingSetMb, long limitMb, double usedPercent, int gen0, int gen1, int gen2);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory high: {UsedPercent} % of the limit (threshold {ThresholdPercent} %), working set {WorkingSetMb} MB of {LimitMb} MB")]
    private static partial void LogHigh(ILogger logger, double usedPercent, int thresholdPercent, long workingSetMb, long limitMb);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suspected memory leak: the GC heap rose in each of the last {Samples} samples, {GrowthMbPerMinute} MB/min, now {GcHeapMb} MB")]
    private static partial void LogSuspectedLeak(ILogger logger, int samples, double growthMbPerMinute, long gcHeapMb);
}
