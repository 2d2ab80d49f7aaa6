using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits;

/// <summary>The one way every transition endpoint runs: load within the caller's view, change, save, answer the visit.</summary>
internal static class VisitTransition
{
    public static async ValueTask<Result<VisitDto>> RunAsync(
        IApplicationDbContext db,
        ICurrentUser user,
        Guid visitId,
        Func<Visit, CancellationToken, ValueTask<Result>> transition,
        CancellationToken cancellationToken)
    {
        var visit = await db.Visits.VisibleTo(user).FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
        {
            return VisitErrors.NotFound(visitId);
        }

        var moved = await transition(visit, cancellationToken);
        var saved = await moved.ThenAsync(() => db.TrySaveChangesAsync(_ => VisitErrors.ConcurrentChange(visitId), cancellationToken));
        return await saved.ThenAsync(async () => Result<VisitDto>.Success(
            await db.Visits.AsNoTracking().Where(v => v.Id == visitId).ToDtos(db, VisitQueries.OnlyHostOf(user)).FirstAsync(cancellationToken)));
    }

    public static ValueTask<Result> Sync(Result result) => ValueTask.FromResult(result);
}
