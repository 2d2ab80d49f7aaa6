using CleanVisitors.Application.Jobs;

namespace CleanVisitors.Infrastructure.Configuration;

public sealed class JobOptionsRules : SettingsRules<JobOptions>
{
    public JobOptionsRules()
    {
        Between(o => o.NoShowGraceMinutes, 0, 7 * 24 * 60);
        Between(o => o.MaxVisitHours, 1, 7 * 24);
        Between(o => o.RetentionDays, 1, 36500);
        Between(o => o.BatchSize, 1, 10000);
    }
}
