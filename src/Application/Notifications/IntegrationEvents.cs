using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;

namespace CleanVisitors.Application.Notifications;

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
