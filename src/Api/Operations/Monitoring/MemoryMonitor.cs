using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// Every 30 s (<c>MEMORY_MONITOR_INTERVAL_SECONDS</c>): GC heap, working set and GC counts against the memory
/// limit. A Warning above <c>MEMORY_WARNING_PERCENT</c> (default 90). A suspected leak is judged on what survives
/// full collections only (the heap between collections rises and falls with the load): the heap after each of the last
/// <see cref="LeakReadings"/> full collections, spread over at least <see cref="LeakMinimumSpan"/>, rose step after
/// step (one dip allowed), by at least a tenth and 16 MB, and stands above <c>MEMORY_LEAK_FLOOR_MB</c> (default 256;
/// below it the service is simply small, whatever the trend). An idle service runs no full collections and a steady
/// one's survivors level off, so neither warns.
/// </summary>
public sealed partial class MemoryMonitor(IOptions<MonitoringOptions> options, TimeProvider time, ILogger<MemoryMonitor> logger) : BackgroundService
{
    public const int LeakReadings = 6;

    public static readonly TimeSpan LeakMinimumSpan = TimeSpan.FromMinutes(10);

    private const long Mb = 1_048_576;

    private readonly Queue<MemorySample> _afterFullGc = new();

    public int WarningPercent { get; } = options.Value.MemoryWarningPercent;

    public long LeakFloorBytes { get; } = options.Value.MemoryLeakFloorMb * Mb;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.MemoryMonitorIntervalSeconds;
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

    /// <summary>Judges one sample against the limit and, when a full collection ran since the last one, the trend.</summary>
    public void Observe(MemorySample sample)
    {
        LogSample(logger, sample.GcHeapBytes / Mb, sample.WorkingSetBytes / Mb, sample.LimitBytes / Mb, sample.UsedPercent, sample.Gen0, sample.Gen1, sample.Gen2);
        if (sample.UsedPercent > WarningPercent)
        {
            LogHigh(logger, sample.UsedPercent, WarningPercent, sample.WorkingSetBytes / Mb, sample.LimitBytes / Mb);
        }

        if (sample.FullGcIndex == 0 || (_afterFullGc.Count > 0 && sample.FullGcIndex <= _afterFullGc.Last().FullGcIndex))
        {
            return;
        }

        _afterFullGc.Enqueue(sample);
        while (_afterFullGc.Count > LeakReadings)
        {
            _afterFullGc.Dequeue();
        }

        if (LooksLikeALeak(_afterFullGc, LeakFloorBytes))
        {
            var first = _afterFullGc.Peek();
            var rate = Math.Round((sample.HeapAfterFullGcBytes - first.HeapAfterFullGcBytes) / (double)Mb / (sample.At - first.At).TotalMinutes, 2);
            LogSuspectedLeak(logger, _afterFullGc.Count, (int)Math.Round((sample.At - first.At).TotalMinutes), rate, sample.HeapAfterFullGcBytes / Mb);
        }
    }

    internal static bool LooksLikeALeak(IReadOnlyCollection<MemorySample> afterFullGc, long floorBytes)
    {
        if (afterFullGc.Count < LeakReadings)
        {
            return false;
        }

        var first = afterFullGc.First();
        var last = afterFullGc.Last();
        var growth = last.HeapAfterFullGcBytes - first.HeapAfterFullGcBytes;
        var rises = afterFullGc.Zip(afterFullGc.Skip(1)).Count(pair => pair.Second.HeapAfterFullGcBytes > pair.First.HeapAfterFullGcBytes);
        return last.At - first.At >= LeakMinimumSpan
            && last.HeapAfterFullGcBytes >= floorBytes
            && growth >= Math.Max(16 * Mb, first.HeapAfterFullGcBytes / 10)
            && rises >= afterFullGc.Count - 2;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Memory: GC heap {GcHeapMb} MB, working set {WorkingSetMb} MB of {LimitMb} MB ({UsedPercent} %), GCs {Gen0}/{Gen1}/{Gen2}")]
    private static partial void LogSample(ILogger logger, long gcHeapMb, long workingSetMb, long limitMb, double usedPercent, int gen0, int gen1, int gen2);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory high: {UsedPercent} % of the limit (threshold {ThresholdPercent} %), working set {WorkingSetMb} MB of {LimitMb} MB")]
    private static partial void LogHigh(ILogger logger, double usedPercent, int thresholdPercent, long workingSetMb, long limitMb);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suspected memory leak: what survives full collections rose over the last {Collections} of them in {Minutes} min, {GrowthMbPerMinute} MB/min, now {HeapAfterFullGcMb} MB")]
    private static partial void LogSuspectedLeak(ILogger logger, int collections, int minutes, double growthMbPerMinute, long heapAfterFullGcMb);
}
