namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>Slow requests, the performance report, memory monitoring and who may read the detailed health.</summary>
public sealed class MonitoringOptions
{
    /// <summary><c>SLOW_REQUEST_THRESHOLD_MS</c>: a request slower than this is logged as a Warning.</summary>
    [ConfigurationKeyName("SLOW_REQUEST_THRESHOLD_MS")]
    public int SlowRequestThresholdMs { get; set; } = 1000;

    /// <summary><c>PERFORMANCE_REPORT_INTERVAL_SECONDS</c>: how often the performance report is logged (0: never).</summary>
    [ConfigurationKeyName("PERFORMANCE_REPORT_INTERVAL_SECONDS")]
    public int PerformanceReportIntervalSeconds { get; set; } = 60;

    /// <summary><c>MEMORY_WARNING_PERCENT</c>: the share of the memory limit above which memory is reported high.</summary>
    [ConfigurationKeyName("MEMORY_WARNING_PERCENT")]
    public int MemoryWarningPercent { get; set; } = 90;

    /// <summary><c>MEMORY_LEAK_FLOOR_MB</c>: below this the heap is never reported as leaking.</summary>
    [ConfigurationKeyName("MEMORY_LEAK_FLOOR_MB")]
    public int MemoryLeakFloorMb { get; set; } = 256;

    /// <summary><c>MEMORY_MONITOR_INTERVAL_SECONDS</c>: how often memory is sampled.</summary>
    [ConfigurationKeyName("MEMORY_MONITOR_INTERVAL_SECONDS")]
    public int MemoryMonitorIntervalSeconds { get; set; } = 30;

    /// <summary><c>HEALTH_DETAILED_PUBLIC</c>: whether <c>/health/detailed</c> answers without an Admin's token.</summary>
    [ConfigurationKeyName("HEALTH_DETAILED_PUBLIC")]
    public bool HealthDetailedPublic { get; set; }
}
