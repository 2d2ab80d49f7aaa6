using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Application.Jobs;

/// <summary>The scheduled jobs' settings, bound from the environment variables named on each.</summary>
public sealed class JobOptions
{
    /// <summary><c>NO_SHOW_GRACE_MINUTES</c>: an approved visitor not checked in this long after the expected time expires.</summary>
    [ConfigurationKeyName("NO_SHOW_GRACE_MINUTES")]
    public int NoShowGraceMinutes { get; set; } = 120;

    /// <summary><c>MAX_VISIT_HOURS</c>: a visit checked in this long is checked out.</summary>
    [ConfigurationKeyName("MAX_VISIT_HOURS")]
    public int MaxVisitHours { get; set; } = 12;

    /// <summary><c>RETENTION_DAYS</c>: a visitor with no visit for this long is erased.</summary>
    [ConfigurationKeyName("RETENTION_DAYS")]
    public int RetentionDays { get; set; } = 365;

    /// <summary><c>JOB_BATCH_SIZE</c>: rows loaded and changed per transaction.</summary>
    [ConfigurationKeyName("JOB_BATCH_SIZE")]
    public int BatchSize { get; set; } = 200;

    /// <summary>This instance, as its runs record it: the host name (a pod's name on Kubernetes) and the process id.</summary>
    public string Instance { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
