using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Notifications.Commands.SendVisitNotification;

/// <summary>
/// Sends the notification one visit event calls for, once, through <see cref="NotificationDelivery"/>: a redelivered
/// or duplicated event sends nothing new. A provider failure leaves it Failed and answers a transient failure, so the
/// message is retried. An approval request's text carries a link whose token is issued with the claim.
/// </summary>
public sealed record SendVisitNotificationCommand(Guid EventId, Guid VisitId, NotificationKind Kind) : ICommand<Result<NotificationStatus>>;

public sealed class SendVisitNotificationCommandHandler(
    IApplicationDbContext db,
    NotificationDelivery delivery,
    IOptions<NotificationOptions> options) : ICommandHandler<SendVisitNotificationCommand, Result<NotificationStatus>>
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
            now => Compose(command.Kind, facts, now),
            "The visit was decided before the request went out.",
            cancellationToken);
    }

    private string? Compose(NotificationKind kind, VisitFacts facts, DateTimeOffset now)
    {
        switch (kind)
        {
            case NotificationKind.ApprovalRequested:
                if (facts.Status != VisitStatus.PendingApproval)
                {
                    return null;
                }

                var expiresAt = facts.CreatedAt.AddMinutes(options.Value.PendingApprovalTimeoutMinutes);
                var (token, raw) = ApprovalToken.Issue(facts.VisitId, expiresAt, now);
                db.ApprovalTokens.Add(token);
                return MessageTemplates.ApprovalRequested(facts.VisitorName, facts.Company, facts.Purpose, facts.SiteName, options.Value.ApprovalLink(raw));
            case NotificationKind.Invitation:
                return MessageTemplates.Invitation(facts.HostName, facts.SiteName,
                    MessageTemplates.LocalTime(facts.ExpectedAt ?? facts.CreatedAt, facts.SiteTimeZone), facts.BadgeCode);
            case NotificationKind.Approved:
                return MessageTemplates.Approved(facts.HostName, facts.SiteName, facts.BadgeCode);
            case NotificationKind.Rejected:
                return MessageTemplates.Rejected(facts.HostName, facts.SiteName);
            case NotificationKind.VisitorArrived:
                return MessageTemplates.VisitorArrived(facts.VisitorName, facts.SiteName);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a visit notification.");
        }
    }

    private sealed record VisitFacts(
        Guid VisitId, VisitStatus Status, string Purpose, DateTimeOffset? ExpectedAt, string BadgeCode, DateTimeOffset CreatedAt,
        Guid VisitorId, string? VisitorName, string? VisitorPhone, string? Company,
        Guid HostId, string HostName, string? HostPhone, string SiteName, string SiteTimeZone, Guid? NotificationId);
}
