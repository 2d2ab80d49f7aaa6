namespace CleanVisitors.Application.Jobs;

/// <summary>The scheduled jobs' settings (environment variable names in the comments).</summary>
public sealed class JobOptions
{
    /// <summary><c>PENDING_APPROVAL_TIMEOUT_MINUTES</c>: a visit waiting this long for approval expires.</summary>
    public int PendingApprovalTimeoutMinutes { get; set; } = 60;

    /// <summary><c>NO_SHOW_GRACE_MINUTES</c>: an approved visitor not checked in this long after the expected time expires.</summary>
    public int NoShowGraceMinutes { get; set; } = 120;

    /// <summary><c>MAX_VISIT_HOURS</c>: a visit checked in this long is checked out.</summary>
    public int MaxVisitHours { get; set; } = 12;

    /// <summary><c>RETENTION_DAYS</c>: a visitor with no visit for this long is erased.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary><c>JOB_BATCH_SIZE</c>: rows loaded and changed per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>This instance, as its runs record it: the host name (a pod's name on Kubernetes) and the process id.</summary>
    public string Instance { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
