using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Application.Notifications;

/// <summary>Settings the notification texts and approval links need.</summary>
public sealed class NotificationOptions
{
    /// <summary>The service's public address (<c>PUBLIC_BASE_URL</c>), for approval links.</summary>
    [ConfigurationKeyName("PUBLIC_BASE_URL")]
    public string PublicBaseUrl { get; set; } = "http://localhost:8000";

    /// <summary><c>PENDING_APPROVAL_TIMEOUT_MINUTES</c>: an approval link expires with the approval itself.</summary>
    [ConfigurationKeyName("PENDING_APPROVAL_TIMEOUT_MINUTES")]
    public int PendingApprovalTimeoutMinutes { get; set; } = 60;

    public string ApprovalLink(string rawToken) => $"{PublicBaseUrl.TrimEnd('/')}/approve/{rawToken}";
}
