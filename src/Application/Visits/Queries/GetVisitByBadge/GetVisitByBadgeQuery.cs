using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Queries.GetVisitByBadge;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record GetVisitByBadgeQuery(string BadgeCode) : IQuery<Result<VisitDto>>;

public sealed class GetVisitByBadgeQueryHandler(IApplicationDbContext db) : IQueryHandler<GetVisitByBadgeQuery, Result<VisitDto>>
{
    public async ValueTask<Result<VisitDto>> Handle(GetVisitByBadgeQuery query, CancellationToken cancellationToken) =>
        await BadgeCode.Parse(query.BadgeCode).ThenAsync(code => FindAsync(code.Value, cancellationToken));

    private async Task<Result<VisitDto>> FindAsync(string code, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.AsNoTracking().Where(v => v.BadgeCode == code).ToDtos(db, null).FirstOrDefaultAsync(cancellationToken);
        return visit is null ? VisitErrors.BadgeNotFound(code) : visit;
    }
}
