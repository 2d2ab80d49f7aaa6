namespace CleanVisitors.Application.Notifications;

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
