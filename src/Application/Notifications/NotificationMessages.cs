using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;

namespace CleanVisitors.Application.Notifications;

/// <summary>
/// The broker message that asks for one visit notification. It carries ids only: the consumer reads the
/// current data when it sends, so no personal data travels through or rests in the broker.
/// </summary>
public sealed record VisitNotificationRequested(Guid EventId, Guid VisitId, NotificationKind Kind);

/// <summary>Asks for the daily summary to every Admin with a phone number.</summary>
public sealed record DailySummaryRequested(Guid EventId, DateOnly Day);

/// <summary>
/// Asks for an erased visitor's photo to be deleted from the blob store. Written with the erasure (outbox), so the file
/// goes even when the blob store fails at that moment; the key is a random name, not personal data.
/// </summary>
public sealed record VisitorPhotoDeletionRequested(Guid EventId, string PhotoKey);

/// <summary>Which domain events leave the process as messages (through the outbox), and as which message.</summary>
public static class IntegrationEvents
{
    public static object? From(DomainEvent domainEvent) => domainEvent switch
    {
        VisitCreated { Status: VisitStatus.PendingApproval } created => new VisitNotificationRequested(created.EventId, created.VisitId, NotificationKind.ApprovalRequested),
        VisitCreated { Status: VisitStatus.Approved } created => new VisitNotificationRequested(created.EventId, created.VisitId, NotificationKind.Invitation),
        VisitStatusChanged { To: VisitStatus.Approved } changed => new VisitNotificationRequested(changed.EventId, changed.VisitId, NotificationKind.Approved),
        VisitStatusChanged { To: VisitStatus.Rejected } changed => new VisitNotificationRequested(changed.EventId, changed.VisitId, NotificationKind.Rejected),
        VisitStatusChanged { To: VisitStatus.CheckedIn } changed => new VisitNotificationRequested(changed.EventId, changed.VisitId, NotificationKind.VisitorArrived),
        VisitorErased { PhotoKey: { } photoKey } erased => new VisitorPhotoDeletionRequested(erased.EventId, photoKey),
        _ => null,
    };
}
