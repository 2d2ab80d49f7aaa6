namespace CleanVisitors.Domain.Notifications;

/// <summary>What a notification tells its recipient.</summary>
public enum NotificationKind
{
    ApprovalRequested,
    Invitation,
    Approved,
    Rejected,
    VisitorArrived,
    DailySummary,
}
