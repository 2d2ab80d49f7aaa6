using CleanVisitors.Application.Approvals;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Notifications.Commands.SendVisitNotification;

/// <summary>
/// Sends the notification one visit event calls for, once, through <see cref="NotificationDelivery"/>: a redelivered
/// or duplicated event sends nothing new. A provider failure leaves it Failed and answers a transient failure, so the
/// message is retried. An approval request's text carries a link: its token is issued as a step of its own
/// (<see cref="ApprovalLinks"/>) once the notification is claimed, and saved with the claim.
/// </summary>
[SystemOperation]
public sealed record SendVisitNotificationCommand(Guid EventId, Guid VisitId, NotificationKind Kind) : ICommand<Result<NotificationStatus>>;

public sealed class SendVisitNotificationCommandHandler(
    IApplicationDbContext db,
    NotificationDelivery delivery,
    ApprovalLinks approvalLinks) : ICommandHandler<SendVisitNotificationCommand, Result<NotificationStatus>>
{
    // Compiled once, and one round trip: this runs for every notification (bench/README.md, the notifications
    // measurement). The notification of an earlier delivery of the same event comes as its id; its state is read only
    // then, which is rare (a redelivery).
    private static readonly Func<IApplicationDbContext, Guid, Guid, NotificationKind, CancellationToken, Task<VisitFacts?>> FactsOf = CompiledQuery.Create(
        (IApplicationDbContext db, Guid visitId, Guid eventId, NotificationKind kind) => (
            from v in db.Visits.AsNoTracking()
            join p in db.Visitors on v.VisitorId equals p.Id
            join h in db.Users on v.HostId equals h.Id
            join s in db.Sites on v.SiteId equals s.Id
            where v.Id == visitId
            // A Host's own invitation names the visitor as that Host gave them, never the stored visitor (API.md).
            select new VisitFacts(v.Id, v.Status, v.Purpose, v.ExpectedAt, v.BadgeCode, v.CreatedAt, p.Id,
                v.CreatedById == v.HostId ? v.InviteeFullName : p.FullName, p.PhoneNumber,
                v.CreatedById == v.HostId ? v.InviteeCompany : p.Company,
                h.Id, h.FullName, h.PhoneNumber, s.Name, s.TimeZone,
                db.Notifications
                    .Where(n => n.EventId == eventId && n.Kind == kind
                        && n.RecipientId == (kind == NotificationKind.ApprovalRequested || kind == NotificationKind.VisitorArrived ? h.Id : p.Id))
                    .Select(n => (Guid?)n.Id)
                    .FirstOrDefault())).FirstOrDefault());

    public async ValueTask<Result<NotificationStatus>> Handle(SendVisitNotificationCommand command, CancellationToken cancellationToken)
    {
        var facts = await FactsOf(db, command.VisitId, command.EventId, command.Kind, cancellationToken);
        if (facts is null)
        {
            return VisitErrors.NotFound(command.VisitId);
        }

        // The same rule as the query's recipient above.
        var toHost = command.Kind is NotificationKind.ApprovalRequested or NotificationKind.VisitorArrived;
        var (recipientId, phone) = toHost ? (facts.HostId, facts.HostPhone) : (facts.VisitorId, facts.VisitorPhone);
        return await delivery.DeliverAsync(
            new NotificationAddress(command.EventId, command.VisitId, command.Kind, recipientId, phone),
            facts.NotificationId,
            now => Message(command.Kind, facts, now),
            "The visit was decided before the request went out.",
            cancellationToken);
    }

    /// <summary>
    /// The text, once the notification is claimed (null: nothing to say any more). An approval request takes two steps:
    /// its link's token is issued first (a new row, saved with the claim, so the link works the moment the host reads it),
    /// then the text is composed around the link. A visit decided meanwhile gets neither. Every other kind is composed
    /// from the facts alone.
    /// </summary>
    private string? Message(NotificationKind kind, VisitFacts facts, DateTimeOffset now)
    {
        if (kind != NotificationKind.ApprovalRequested)
        {
            return Compose(kind, facts);
        }

        if (facts.Status != VisitStatus.PendingApproval)
        {
            return null;
        }

        var link = approvalLinks.Issue(facts.VisitId, facts.CreatedAt, now);
        return MessageTemplates.ApprovalRequested(facts.VisitorName, facts.Company, facts.Purpose, facts.SiteName, link);
    }

    /// <summary>The text of a notification that needs nothing but the visit's facts; it changes nothing.</summary>
    private static string Compose(NotificationKind kind, VisitFacts facts) => kind switch
    {
        NotificationKind.Invitation => MessageTemplates.Invitation(facts.HostName, facts.SiteName,
            MessageTemplates.LocalTime(facts.ExpectedAt ?? facts.CreatedAt, facts.SiteTimeZone), facts.BadgeCode),
        NotificationKind.Approved => MessageTemplates.Approved(facts.HostName, facts.SiteName, facts.BadgeCode),
        NotificationKind.Rejected => MessageTemplates.Rejected(facts.HostName, facts.SiteName),
        NotificationKind.VisitorArrived => MessageTemplates.VisitorArrived(facts.VisitorName, facts.SiteName),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a visit notification, or not one composed from the facts alone."),
    };

    private sealed record VisitFacts(
        Guid VisitId, VisitStatus Status, string Purpose, DateTimeOffset? ExpectedAt, string BadgeCode, DateTimeOffset CreatedAt,
        Guid VisitorId, string? VisitorName, string? VisitorPhone, string? Company,
        Guid HostId, string HostName, string? HostPhone, string SiteName, string SiteTimeZone, Guid? NotificationId);
}
