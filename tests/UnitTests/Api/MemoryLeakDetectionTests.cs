using CleanVisitors.Api.Operations.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Api;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "runs alone (measures this process's own heap)";
}

/// <summary>
/// The leak rule on this process's real heap (issue 8, finding 5): memory retained on purpose, a full collection
/// between readings, readings taken by <see cref="MemorySample.Take"/> as the service takes them.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class MemoryLeakDetectionTests
{
    private const int Mb = 1_048_576;

    [Fact]
    public void MemoryRetainedOnPurpose_IsReportedAsASuspectedLeak()
    {
        var logger = new FakeLogger<MemoryMonitor>();
        using var monitor = new MemoryMonitor(Floor(0), TimeProvider.System, logger);
        var retained = new List<byte[]>();
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < MemoryMonitor.LeakReadings; i++)
        {
            for (var chunk = 0; chunk < 32; chunk++)
            {
                var block = new byte[Mb];
                Array.Fill(block, (byte)i);
                retained.Add(block);
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            monitor.Observe(MemorySample.Take(at.AddMinutes(3 * i)));
        }

        GC.KeepAlive(retained);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("Suspected memory leak", StringComparison.Ordinal));
    }

    [Fact]
    public void GarbageThatIsCollected_IsNotReportedAsALeak()
    {
        var logger = new FakeLogger<MemoryMonitor>();
        using var monitor = new MemoryMonitor(Floor(0), TimeProvider.System, logger);
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < MemoryMonitor.LeakReadings * 2; i++)
        {
            for (var chunk = 0; chunk < 32; chunk++)
            {
                GC.KeepAlive(new byte[Mb]);
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            monitor.Observe(MemorySample.Take(at.AddMinutes(3 * i)));
        }

        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Message.StartsWith("Suspected memory leak", StringComparison.Ordinal));
    }

    private static IOptions<MonitoringOptions> Floor(int mb) => Options.Create(new MonitoringOptions { MemoryLeakFloorMb = mb });
}
