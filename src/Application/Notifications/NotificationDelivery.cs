using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Notifications;

/// <summary>
/// Delivers one notification effectively once, whoever asks and however often the event arrives:
/// <list type="number">
/// <item>A notification already Sent or Skipped is not sent again.</item>
/// <item>One that another delivery has claimed is waited for (at most one lease), then taken over only if still unsent.</item>
/// <item>The claim is committed before the provider is called; of two deliveries claiming at once, one wins
/// (the unique (event, kind, recipient) index, the row's concurrency token) and the other answers
/// <see cref="NotificationErrors.InProgress"/>, to be retried.</item>
/// <item>The provider call is never cancelled once started, and carries the notification's id as its idempotency key.</item>
/// <item>Its outcome is recorded whatever the caller's token says, and a failed record is tried again while the claim
/// lasts: a message that went out is on record, and not sent again by a takeover.</item>
/// </list>
/// A provider failure is recorded as Failed and answers <see cref="NotificationErrors.SendFailed"/> (transient).
/// </summary>
public sealed class NotificationDelivery(IApplicationDbContext db, INotificationSender sender, ApplicationMetrics metrics, TimeProvider time)
{
    /// <summary>How often a delivery that waits for another one looks again.</summary>
    public static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between two attempts at recording a send's outcome.</summary>
    private static readonly TimeSpan MaxRecordDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim holds: the longest send, and a margin for recording its outcome.</summary>
    public TimeSpan Lease => sender.MaxSendDuration + TimeSpan.FromSeconds(5);

    /// <param name="address">The recipient and the event.</param>
    /// <param name="existing">The id of the notification for <paramref name="address"/> when the caller found one, else
    /// null (then it is created; should another delivery have created it meanwhile, the unique index says so).</param>
    /// <param name="compose">The text, composed once the notification is claimed (it may add rows the message refers
    /// to, saved with the claim); null when there is nothing to say any more.</param>
    /// <param name="nothingToSay">The reason recorded when <paramref name="compose"/> answers null.</param>
    /// <param name="cancellationToken">Ends a wait or a claim; never a send that started, nor the recording of its outcome.</param>
    public async Task<Result<NotificationStatus>> DeliverAsync(
        NotificationAddress address, Guid? existing, Func<DateTimeOffset, string?> compose, string nothingToSay, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var state = existing is { } id ? await StateOf(id, cancellationToken) : null;
        var waitUntil = now + Lease;
        while (state is { IsFinal: false } && state.ClaimedUntil > now)
        {
            if (now >= waitUntil)
            {
                return NotificationErrors.InProgress;
            }

            var left = state.ClaimedUntil.Value - now;
            await Task.Delay(left < WaitPoll ? left : WaitPoll, time, cancellationToken);
            state = await StateOf(state.Id, cancellationToken);
            now = time.GetUtcNow();
        }

        if (state is { IsFinal: true })
        {
            return state.Status;
        }

        Notification notification;
        if (state is null)
        {
            notification = Notification.Create(address.EventId, address.VisitId, address.Kind, address.RecipientId, address.Phone, now);
            db.Notifications.Add(notification);
        }
        else
        {
            notification = await db.Notifications.FirstAsync(n => n.Id == state.Id, cancellationToken);
            if (notification.IsFinal)
            {
                return notification.Status;
            }
        }

        notification.Claim(now, Lease);
        var text = address.Phone is null || !sender.IsConfigured ? null : compose(now);
        if (address.Phone is null || !sender.IsConfigured || text is null)
        {
            notification.MarkSkipped(
                address.Phone is null ? "The recipient has no phone number." : !sender.IsConfigured ? "WhatsApp is not configured." : nothingToSay, now);
            return await SaveAsync(notification, cancellationToken);
        }

        // Claimed on record before the message leaves (with whatever the text refers to, e.g. an approval link that
        // must work the moment the host reads it); a delivery racing this one stands down here.
        var claimed = await SaveAsync(notification, cancellationToken);
        if (claimed.IsFailure)
        {
            return claimed;
        }

        var claimEnds = notification.ClaimedUntil!.Value;
        var outcome = await sender.SendAsync(notification.Id, address.Phone, text);
        if (outcome.Succeeded)
        {
            metrics.NotificationSent(address.Kind);
            notification.MarkSent(outcome.Attempts, time.GetUtcNow());
            return await RecordAsync(notification, claimEnds);
        }

        metrics.NotificationFailed(address.Kind);
        notification.MarkFailed(outcome.Attempts, outcome.Error ?? "The provider refused the message.", time.GetUtcNow());
        var saved = await RecordAsync(notification, claimEnds);
        return saved.IsFailure ? saved : NotificationErrors.SendFailed(notification.LastError!);
    }

    /// <summary>
    /// Records a send's outcome. The message has left: should the database be away for a moment, a record is worth
    /// waiting for while the claim is still this delivery's (else a takeover would send the message again), so a
    /// failed save is tried again with back-off until the claim ends; then the failure propagates.
    /// </summary>
    private async Task<Result<NotificationStatus>> RecordAsync(Notification notification, DateTimeOffset claimEnds)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await SaveAsync(notification, CancellationToken.None);
            }
            catch (Exception) when (time.GetUtcNow() + delay < claimEnds)
            {
                await Task.Delay(delay, time, CancellationToken.None);
                delay = delay * 2 < MaxRecordDelay ? delay * 2 : MaxRecordDelay;
            }
        }
    }

    private Task<ClaimState?> StateOf(Guid id, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking()
            .Where(n => n.Id == id)
            .Select(n => new ClaimState(n.Id, n.Status, n.ClaimedUntil))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<Result<NotificationStatus>> SaveAsync(Notification notification, CancellationToken cancellationToken)
    {
        // Two deliveries claiming at once: the unique index (both inserting) or the concurrency token (both claiming
        // the same row) lets one win; the other answers "in progress" and is retried, to find it sent.
        var saved = await db.TrySaveChangesAsync(_ => NotificationErrors.InProgress, cancellationToken);
        return saved.Then<NotificationStatus>(() => notification.Status);
    }

    private sealed record ClaimState(Guid Id, NotificationStatus Status, DateTimeOffset? ClaimedUntil)
    {
        public bool IsFinal => Notification.IsFinalStatus(Status);
    }
}
