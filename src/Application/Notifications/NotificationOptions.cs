namespace CleanVisitors.Application.Notifications;

/// <summary>Settings the notification texts and approval links need.</summary>
public sealed class NotificationOptions
{
    /// <summary>The service's public address (<c>PUBLIC_BASE_URL</c>), for approval links.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8000";

    /// <summary><c>PENDING_APPROVAL_TIMEOUT_MINUTES</c>: an approval link expires with the approval itself.</summary>
    public int PendingApprovalTimeoutMinutes { get; set; } = 60;

    public string ApprovalLink(string rawToken) => $"{PublicBaseUrl.TrimEnd('/')}/approve/{rawToken}";
}

/// <summary>Sends a text message to a phone number (WhatsApp in production).</summary>
public interface INotificationSender
{
    /// <summary>False when the provider is not configured: notifications are then recorded as Skipped.</summary>
    bool IsConfigured { get; }

    /// <summary>The longest one <see cref="SendAsync"/> can take, its retries included: it always ends within it.</summary>
    TimeSpan MaxSendDuration { get; }

    /// <summary>
    /// Sends one message, under <paramref name="idempotencyKey"/> (the same key for every attempt at the same message,
    /// so the provider can deduplicate). It takes no cancellation token on purpose: a call the provider may already
    /// have accepted is never abandoned half-way (a broker that went away, a shutdown); <see cref="MaxSendDuration"/>
    /// bounds it instead.
    /// </summary>
    Task<SendOutcome> SendAsync(Guid idempotencyKey, string phoneNumberE164, string text);
}

/// <summary>How a send went: the provider accepted it or not, after how many HTTP attempts, and why not.</summary>
public sealed record SendOutcome(bool Succeeded, int Attempts, string? Error);
