namespace CleanVisitors.Domain.Notifications;

/// <summary>Where a notification's delivery stands.</summary>
public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,
    Skipped,
}
