using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Notifications;

/// <summary>
/// One message to one recipient because of one event. (event, kind, recipient) is unique, so a redelivered
/// event never sends twice. A delivery claims the notification (<see cref="ClaimedUntil"/>) before it calls the
/// provider, so a second copy of the event waits for it instead of sending too. The recipient is stored masked; the
/// number is read afresh when sending.
/// </summary>
public sealed class Notification
{
    public const int ErrorMaxLength = 500;

    private Notification(Guid id, Guid eventId, Guid? visitId, NotificationKind kind, Guid recipientId, string recipient, DateTimeOffset createdAt)
    {
        Id = id;
        EventId = eventId;
        VisitId = visitId;
        Kind = kind;
        RecipientId = recipientId;
        Recipient = recipient;
        Status = NotificationStatus.Pending;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid? VisitId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The user or visitor the message is for.</summary>
    public Guid RecipientId { get; private set; }

    /// <summary>The recipient's phone number, masked (<c>+49*****567</c>), or a note when there is none.</summary>
    public string Recipient { get; private set; }

    public NotificationStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>
    /// Set while one delivery is sending it: until then no other delivery may. A delivery that died holding it (the
    /// process killed) lets the next one take over once it passed; that one sends again, under the same idempotency
    /// key (<see cref="Id"/>), which the provider can deduplicate on.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>): of two deliveries claiming it at once, one wins.</summary>
    public uint Version { get; private set; }

    public bool IsFinal => IsFinalStatus(Status);

    /// <summary>Sent or Skipped: nothing is left to send.</summary>
    public static bool IsFinalStatus(NotificationStatus status) => status is NotificationStatus.Sent or NotificationStatus.Skipped;

    /// <summary>Takes the notification for one delivery, for <paramref name="lease"/> at most.</summary>
    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        if (IsFinal)
        {
            throw new InvalidOperationException($"Notification {Id} is {Status}: there is nothing left to send.");
        }

        ClaimedUntil = now + lease;
        UpdatedAt = now;
    }

    public static Notification Create(Guid eventId, Guid? visitId, NotificationKind kind, Guid recipientId, string? recipientPhone, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), eventId, visitId, kind, recipientId, recipientPhone is null ? "(no phone number)" : PhoneNumber.Mask(recipientPhone), now);

    /// <summary>What <see cref="Recipient"/> reads once the recipient's data is erased: their number fully masked.</summary>
    public const string ErasedRecipient = "***";

    /// <summary>Erasure of the recipient (API.md, purge-retention): not a digit of their number stays.</summary>
    public void EraseRecipient(DateTimeOffset now)
    {
        Recipient = ErasedRecipient;
        UpdatedAt = now;
    }

    public void MarkSent(int attempts, DateTimeOffset now)
    {
        Attempts += attempts;
        Status = NotificationStatus.Sent;
        LastError = null;
        SentAt = now;
        ClaimedUntil = null;
        UpdatedAt = now;
    }

    public void MarkFailed(int attempts, string error, DateTimeOffset now)
    {
        Attempts += attempts;
        Status = NotificationStatus.Failed;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        ClaimedUntil = null;
        UpdatedAt = now;
    }

    public void MarkSkipped(string reason, DateTimeOffset now)
    {
        Status = NotificationStatus.Skipped;
        LastError = reason;
        ClaimedUntil = null;
        UpdatedAt = now;
    }
}
