using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Sites.Queries.ListSites;

[Authorize]
public sealed record ListSitesQuery : IQuery<Result<IReadOnlyList<SiteDto>>>;

public sealed class ListSitesQueryHandler(IApplicationDbContext db) : IQueryHandler<ListSitesQuery, Result<IReadOnlyList<SiteDto>>>
{
    public async ValueTask<Result<IReadOnlyList<SiteDto>>> Handle(ListSitesQuery query, CancellationToken cancellationToken) =>
        await db.Sites.AsNoTracking().OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name)
            .Select(s => new SiteDto(s.Id, s.Name, s.TimeZone)).ToListAsync(cancellationToken);
}
