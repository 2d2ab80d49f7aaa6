namespace CleanVisitors.Domain.Jobs;

/// <summary>One run of a scheduled job: what ran, when, how much it changed, and how it ended.</summary>
public sealed class CronRun
{
    private CronRun(Guid id, string job, DateTimeOffset startedAt, string instance)
    {
        Id = id;
        Job = job;
        StartedAt = startedAt;
        Instance = instance;
        Outcome = CronRunOutcome.Running;
    }

    public Guid Id { get; private set; }

    public string Job { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The instance that ran it: host name and process id (a pod's name on Kubernetes).</summary>
    public string Instance { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public int Affected { get; private set; }

    public CronRunOutcome Outcome { get; private set; }

    public string? Error { get; private set; }

    public static CronRun Start(string job, DateTimeOffset now, string instance) =>
        new(Guid.CreateVersion7(now), job, now, instance.Length > Common.Limits.InstanceMaxLength ? instance[..Common.Limits.InstanceMaxLength] : instance);

    public void Succeed(int affected, DateTimeOffset now)
    {
        Affected = affected;
        Outcome = CronRunOutcome.Succeeded;
        FinishedAt = now;
    }

    public void Fail(int affected, string error, DateTimeOffset now)
    {
        Affected = affected;
        Outcome = CronRunOutcome.Failed;
        Error = error.Length > 500 ? error[..500] : error;
        FinishedAt = now;
    }
}
