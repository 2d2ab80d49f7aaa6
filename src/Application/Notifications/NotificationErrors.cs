using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Notifications;

/// <summary>
/// The failures of a notification delivery. A transient one (<see cref="ErrorType.Transient"/>) means "try again
/// later": the consumer throws on it, so the message is retried; every other failure is final and the message is
/// acknowledged.
/// </summary>
public static class NotificationErrors
{
    public const string SendFailedCode = "notification.send_failed";

    public const string InProgressCode = "notification.in_progress";

    /// <summary>Another delivery of the same notification holds it and is sending it.</summary>
    public static readonly Error InProgress = Error.Transient(InProgressCode, "Another delivery of this notification is sending it.");

    /// <summary>The provider did not accept the message (after its own retries).</summary>
    public static Error SendFailed(string detail) => Error.Transient(SendFailedCode, $"The WhatsApp provider did not accept the message: {detail}");

    public static bool IsTransient(Error error) => error.Type == ErrorType.Transient;
}
