using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Operations.Monitoring;

public sealed class MonitoringOptionsRules : SettingsRules<MonitoringOptions>
{
    public MonitoringOptionsRules()
    {
        Between(o => o.SlowRequestThresholdMs, 1, int.MaxValue);
        Between(o => o.PerformanceReportIntervalSeconds, 0, 86400);
        Between(o => o.MemoryWarningPercent, 1, 100);
        Between(o => o.MemoryLeakFloorMb, 0, 1_048_576);
        Between(o => o.MemoryMonitorIntervalSeconds, 1, 86400);
    }
}
