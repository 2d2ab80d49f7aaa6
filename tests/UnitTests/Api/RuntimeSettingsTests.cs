using System.Text.Json;

namespace CleanVisitors.UnitTests.Api;

/// <summary>
/// The runtime settings the service ships with, as the build writes them into its runtimeconfig.json (the file the
/// .NET host reads at start-up, in the container as anywhere).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var directory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        using var file = File.OpenRead(Path.Combine(directory, "CleanVisitors.Api.runtimeconfig.json"));
        using var document = JsonDocument.Parse(file);
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void RuntimeConfig_ThreadPoolSpinLimit_IsZero()
    {
        // Spinning before sleeping cost a third of a by-id request's CPU on 2 cores (bench/README.md).
        Assert.Equal(0, ConfigProperties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void RuntimeConfig_ServerGarbageCollector_IsOn()
    {
        // Workstation GC was measured slower under load and no smaller (bench/README.md).
        Assert.True(ConfigProperties().GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void RuntimeConfig_DynamicPgo_IsOff()
    {
        // Its instrumented tiers kept the JIT busy for minutes under load on 2 cores (bench/README.md).
        Assert.False(ConfigProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
