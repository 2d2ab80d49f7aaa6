using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Notifications.Commands.SendDailySummary;

/// <summary>
/// Sends the summary of one UTC day to every active Admin, once: each recipient gets a <see cref="Notification"/>
/// (kind DailySummary, no visit) keyed by (event, kind, recipient), so a redelivered request sends only what is still
/// missing. An Admin without a phone number, or WhatsApp not configured, is recorded as Skipped. A provider failure
/// leaves that notification Failed and answers a failure, so the message is retried; the others are not resent.
/// Answers how many messages went out now.
/// </summary>
public sealed record SendDailySummaryCommand(Guid EventId, DateOnly Day) : ICommand<Result<int>>;

public sealed class SendDailySummaryCommandHandler(IApplicationDbContext db, INotificationSender sender, TimeProvider time)
    : ICommandHandler<SendDailySummaryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SendDailySummaryCommand command, CancellationToken cancellationToken)
    {
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Role == UserRole.Admin && u.IsActive)
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.PhoneNumber })
            .ToListAsync(cancellationToken);
        var existing = await db.Notifications
            .Where(n => n.EventId == command.EventId && n.Kind == NotificationKind.DailySummary)
            .ToDictionaryAsync(n => n.RecipientId, cancellationToken);
        if (admins.All(a => existing.TryGetValue(a.Id, out var done) && done.IsFinal))
        {
            return 0;
        }

        var text = await ComposeAsync(command.Day, cancellationToken);
        var sent = 0;
        var failures = new List<string>();
        foreach (var admin in admins)
        {
            existing.TryGetValue(admin.Id, out var notification);
            if (notification is { IsFinal: true })
            {
                continue;
            }

            var now = time.GetUtcNow();
            if (notification is null)
            {
                notification = Notification.Create(command.EventId, null, NotificationKind.DailySummary, admin.Id, admin.PhoneNumber, now);
                db.Notifications.Add(notification);
            }

            if (admin.PhoneNumber is null || !sender.IsConfigured)
            {
                notification.MarkSkipped(admin.PhoneNumber is null ? "The recipient has no phone number." : "WhatsApp is not configured.", now);
            }
            else
            {
                var outcome = await sender.SendAsync(admin.PhoneNumber, text, cancellationToken);
                if (outcome.Succeeded)
                {
                    notification.MarkSent(outcome.Attempts, time.GetUtcNow());
                    sent++;
                }
                else
                {
                    notification.MarkFailed(outcome.Attempts, outcome.Error ?? "The provider refused the message.", time.GetUtcNow());
                    failures.Add(notification.LastError!);
                }
            }

            // Saved per recipient: a message that went out is on record before the next one is tried.
            var saved = await db.TrySaveChangesAsync(_ => Error.Conflict("notification.duplicate", "Another delivery of this summary handled it."), cancellationToken);
            if (saved.IsFailure)
            {
                return saved.Error!;
            }
        }

        return failures.Count == 0
            ? sent
            : Error.Conflict("notification.send_failed", $"The WhatsApp provider did not accept {failures.Count} summary message(s): {failures[0]}");
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
