using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Notifications.Commands.SendDailySummary;

/// <summary>
/// Sends the summary of one UTC day to every active Admin, once: each recipient gets a <see cref="Notification"/>
/// (kind DailySummary, no visit) delivered through <see cref="NotificationDelivery"/>, so a redelivered request sends
/// only what is still missing. An Admin without a phone number, or WhatsApp not configured, is recorded as Skipped. A
/// provider failure leaves that notification Failed and answers a transient failure, so the message is retried; the
/// others are not resent. Answers how many messages went out now.
/// </summary>
[SystemOperation]
public sealed record SendDailySummaryCommand(Guid EventId, DateOnly Day) : ICommand<Result<int>>;

public sealed class SendDailySummaryCommandHandler(IApplicationDbContext db, NotificationDelivery delivery)
    : ICommandHandler<SendDailySummaryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SendDailySummaryCommand command, CancellationToken cancellationToken)
    {
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Role == UserRole.Admin && u.IsActive)
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.PhoneNumber })
            .ToListAsync(cancellationToken);
        var existing = await db.Notifications.AsNoTracking()
            .Where(n => n.EventId == command.EventId && n.Kind == NotificationKind.DailySummary)
            .Select(n => new { n.RecipientId, n.Id, n.Status })
            .ToDictionaryAsync(n => n.RecipientId, cancellationToken);
        if (admins.All(a => existing.TryGetValue(a.Id, out var done) && Notification.IsFinalStatus(done.Status)))
        {
            return 0;
        }

        var text = await ComposeAsync(command.Day, cancellationToken);
        var sent = 0;
        Error? failure = null;
        foreach (var admin in admins)
        {
            // One delivery per recipient, each on record before the next is tried.
            var result = await delivery.DeliverAsync(
                new NotificationAddress(command.EventId, null, NotificationKind.DailySummary, admin.Id, admin.PhoneNumber),
                existing.TryGetValue(admin.Id, out var found) ? found.Id : null,
                _ => text,
                "Nothing to report.",
                cancellationToken);
            if (result.IsFailure && !NotificationErrors.IsTransient(result.Error))
            {
                return result.Error;
            }

            failure ??= result.IsFailure ? result.Error : null;
            sent += result.IsSuccess && result.Value == NotificationStatus.Sent && found?.Status != NotificationStatus.Sent ? 1 : 0;
        }

        return failure is null ? sent : failure;
    }

    private async Task<string> ComposeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(1);
        var visits = db.Visits.AsNoTracking();
        var created = await visits.CountAsync(v => v.CreatedAt >= from && v.CreatedAt < to, cancellationToken);
        var checkedIn = await visits.CountAsync(v => v.CheckedInAt >= from && v.CheckedInAt < to, cancellationToken);
        var rejected = await visits.CountAsync(v => v.RejectedAt >= from && v.RejectedAt < to, cancellationToken);
        var expired = await visits.CountAsync(v => v.ExpiredAt >= from && v.ExpiredAt < to, cancellationToken);
        return MessageTemplates.DailySummary(day, created, checkedIn, rejected, expired);
    }
}
