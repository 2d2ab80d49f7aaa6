using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Sites.Queries.GetSite;

[Authorize]
public sealed record GetSiteQuery(Guid Id) : IQuery<Result<SiteDto>>;

public sealed class GetSiteQueryHandler(IApplicationDbContext db) : IQueryHandler<GetSiteQuery, Result<SiteDto>>
{
    public async ValueTask<Result<SiteDto>> Handle(GetSiteQuery query, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == query.Id).Select(s => new SiteDto(s.Id, s.Name, s.TimeZone)).FirstOrDefaultAsync(cancellationToken);
        return site is null ? Error.NotFound("site.not_found", $"Site {query.Id} was not found.") : site;
    }
}
