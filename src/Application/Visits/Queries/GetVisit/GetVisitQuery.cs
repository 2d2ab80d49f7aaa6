using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Mediator;

namespace CleanVisitors.Application.Visits.Queries.GetVisit;

[Authorize(Roles = Roles.Any)]
public sealed record GetVisitQuery(Guid Id) : IQuery<Result<VisitDto>>;

public sealed class GetVisitQueryHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetVisitQuery, Result<VisitDto>>
{
    /// <summary>Compiled once: this is the hottest read (bench/README.md). <c>hostId</c> is <see cref="VisitQueries.OnlyHostOf"/>.</summary>
    private static readonly Func<IApplicationDbContext, Guid, Guid?, CancellationToken, Task<VisitDto?>> VisibleVisit = CompiledQuery.Create(
        (IApplicationDbContext db, Guid id, Guid? hostId) =>
            db.Visits.Where(v => v.Id == id && (hostId == null || v.HostId == hostId)).ToDtos(db, hostId).FirstOrDefault());

    public async ValueTask<Result<VisitDto>> Handle(GetVisitQuery query, CancellationToken cancellationToken)
    {
        var visit = await VisibleVisit(db, query.Id, VisitQueries.OnlyHostOf(user), cancellationToken);
        return visit is null ? VisitErrors.NotFound(query.Id) : visit;
    }
}
