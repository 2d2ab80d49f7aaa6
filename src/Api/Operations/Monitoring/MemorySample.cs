using System.Diagnostics;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// One reading of the process's memory against the limit the runtime sees (container limits included), with the heap
/// as the last full collection left it, without its fragmentation (<see cref="HeapAfterFullGcBytes"/>, numbered <see cref="FullGcIndex"/>; 0 when
/// none has run yet).
/// </summary>
public sealed record MemorySample(
    DateTimeOffset At, long GcHeapBytes, long WorkingSetBytes, long LimitBytes, int Gen0, int Gen1, int Gen2,
    long HeapAfterFullGcBytes = 0, long FullGcIndex = 0)
{
    public double UsedPercent => LimitBytes <= 0 ? 0 : Math.Round(100.0 * WorkingSetBytes / LimitBytes, 1);

    public static MemorySample Take(DateTimeOffset at)
    {
        var info = GC.GetGCMemoryInfo();
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var full = blocking.Index >= background.Index ? blocking : background;
        using var process = Process.GetCurrentProcess();
        return new MemorySample(at, GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, info.TotalAvailableMemoryBytes,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), full.HeapSizeBytes - full.FragmentedBytes, full.Index);
    }
}
