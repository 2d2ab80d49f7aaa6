using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Commands.BlockVisitor;

internal static class VisitorChanges
{
    /// <summary>Loads a visitor, applies one domain change, saves, and answers the visitor as it now is.</summary>
    public static async ValueTask<Result<VisitorDto>> ChangeVisitorAsync(this IApplicationDbContext db, Guid id, Func<Visitor, Result> change, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visitor is null)
        {
            return VisitorErrors.NotFound(id);
        }

        var saved = await change(visitor).ThenAsync(() => db.TrySaveChangesAsync(_ => VisitorErrors.ConcurrentChange(visitor.Id), cancellationToken));
        return saved.Then<VisitorDto>(() => VisitorDto.From(visitor));
    }
}
