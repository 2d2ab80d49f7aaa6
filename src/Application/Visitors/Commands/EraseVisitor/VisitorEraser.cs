using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Commands.EraseVisitor;

/// <summary>
/// Erases one visitor in one transaction: their personal fields, their visits' free text and what an inviting Host gave
/// of them, and their number in notification records (API.md, purge-retention). Their photo is deleted through the outbox
/// (<see cref="Notifications.VisitorPhotoDeletionRequested"/>, written in the same transaction): a blob store that fails
/// neither fails the erasure nor keeps the file, since the deletion is retried until it succeeds. Used by the endpoint and
/// the retention job.
/// </summary>
public static class VisitorEraser
{
    public static async Task<Result> EraseAsync(
        IApplicationDbContext db, Guid visitorId, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.FirstOrDefaultAsync(v => v.Id == visitorId, cancellationToken);
        if (visitor is null)
        {
            return VisitorErrors.NotFound(visitorId);
        }

        var visits = await db.Visits.Where(v => v.VisitorId == visitorId).ToListAsync(cancellationToken);
        if (visits.Any(v => v.Status == VisitStatus.CheckedIn))
        {
            return VisitorErrors.OnSite(visitorId);
        }

        foreach (var visit in visits)
        {
            // A pending or approved visit of a person who no longer exists in our records cannot go ahead.
            if (visit.Status is VisitStatus.PendingApproval or VisitStatus.Approved)
            {
                visit.Cancel(actorId, now);
            }

            visit.Anonymise();
        }

        var notifications = await db.Notifications.Where(n => n.RecipientId == visitorId).ToListAsync(cancellationToken);
        foreach (var notification in notifications)
        {
            notification.EraseRecipient(now);
        }

        // The photo's key travels in the erasure's event: the outbox row that deletes the file commits with the erasure.
        // A change racing the erasure (a check-in, a new visit, an edit) wins or loses as a whole; the erasure is then
        // retried by the caller (the retention job on its next run).
        return await visitor.Erase(actorId, now)
            .ThenAsync(() => db.TrySaveChangesAsync(_ => VisitorErrors.ConcurrentChange(visitorId), cancellationToken));
    }
}
