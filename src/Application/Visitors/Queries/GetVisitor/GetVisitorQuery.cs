using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Queries.GetVisitor;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record GetVisitorQuery(Guid Id) : IQuery<Result<VisitorDto>>;

public sealed class GetVisitorQueryHandler(IApplicationDbContext db) : IQueryHandler<GetVisitorQuery, Result<VisitorDto>>
{
    public async ValueTask<Result<VisitorDto>> Handle(GetVisitorQuery query, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.AsNoTracking().Where(v => v.Id == query.Id).Select(VisitorDto.Projection).FirstOrDefaultAsync(cancellationToken);
        return visitor is null ? VisitorErrors.NotFound(query.Id) : visitor;
    }
}
