using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Queries.GetVisit;

public sealed record GetVisitQuery(Guid Id) : IQuery<Result<VisitDto>>;

public sealed class GetVisitQueryHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetVisitQuery, Result<VisitDto>>
{
    public async ValueTask<Result<VisitDto>> Handle(GetVisitQuery query, CancellationToken cancellationToken)
    {
        var visit = await db.Visits.AsNoTracking().VisibleTo(user).Where(v => v.Id == query.Id).ToDtos(db).FirstOrDefaultAsync(cancellationToken);
        return visit is null ? VisitErrors.NotFound(query.Id) : visit;
    }
}
