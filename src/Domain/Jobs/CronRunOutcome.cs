namespace CleanVisitors.Domain.Jobs;

/// <summary>How a run of a scheduled job ended.</summary>
public enum CronRunOutcome
{
    Running,
    Succeeded,
    Failed,
}
