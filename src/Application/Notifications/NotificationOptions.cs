using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Application.Notifications;

/// <summary>Settings the notification texts and approval links need.</summary>
public sealed class NotificationOptions
{
    /// <summary>The service's public address (<c>PUBLIC_BASE_URL</c>), for approval links.</summary>
    [ConfigurationKeyName("PUBLIC_BASE_URL")]
    public string PublicBaseUrl { get; set; } = "http://localhost:8000";

    public string ApprovalLink(string rawToken) => $"{PublicBaseUrl.TrimEnd('/')}/approve/{rawToken}";
}
