using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Infrastructure.Jobs;

public sealed class SchedulerOptionsRules : SettingsRules<SchedulerOptions>
{
    public SchedulerOptionsRules() => Between(o => o.IntervalSeconds, 1, 86400);
}
