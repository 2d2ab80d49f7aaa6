using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Queries.ListOnSiteVisits;

/// <summary>The evacuation list: every visit now checked in, optionally at one site. Not paged, by design.</summary>
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record ListOnSiteVisitsQuery(Guid? SiteId) : IQuery<Result<IReadOnlyList<VisitDto>>>;

public sealed class ListOnSiteVisitsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListOnSiteVisitsQuery, Result<IReadOnlyList<VisitDto>>>
{
    public async ValueTask<Result<IReadOnlyList<VisitDto>>> Handle(ListOnSiteVisitsQuery query, CancellationToken cancellationToken)
    {
        var visits = db.Visits.AsNoTracking().Where(v => v.Status == VisitStatus.CheckedIn);
        if (query.SiteId is { } siteId)
        {
            visits = visits.Where(v => v.SiteId == siteId);
        }

        var list = await visits.OrderBy(v => v.CheckedInAt).ToDtos(db, null).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<VisitDto>>.Success(list);
    }
}
