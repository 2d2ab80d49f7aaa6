using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Commands.EraseVisitor;

/// <summary>The right to erasure: the person's data goes, their visits stay anonymised.</summary>
public sealed record EraseVisitorCommand(Guid Id) : ICommand<Result>;

public sealed class EraseVisitorCommandHandler(IApplicationDbContext db, IBlobStore blobs, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<EraseVisitorCommand, Result>
{
    public async ValueTask<Result> Handle(EraseVisitorCommand command, CancellationToken cancellationToken) =>
        await VisitorEraser.EraseAsync(db, blobs, command.Id, currentUser.Id, time.GetUtcNow(), cancellationToken);
}

/// <summary>
/// Erases one visitor and anonymises their visits in one transaction, then deletes their photo; used by the endpoint
/// and the retention job.
/// </summary>
public static class VisitorEraser
{
    public static async Task<Result> EraseAsync(
        IApplicationDbContext db, IBlobStore blobs, Guid visitorId, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken)
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

        var photoKey = visitor.PhotoKey;
        var erased = visitor.Erase(actorId, now);
        if (erased.IsFailure)
        {
            return erased;
        }

        var saved = await db.TrySaveChangesAsync(_ => VisitorErrors.OnSite(visitorId), cancellationToken);

        // Only after the commit: a failed save leaves the visitor, photo included, as they were. Not cancellable, since
        // the erasure has happened and the photo must go with it.
        if (saved.IsSuccess && photoKey is not null)
        {
            await blobs.DeleteAsync(photoKey, CancellationToken.None);
        }

        return saved;
    }
}
