using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Users.Queries.GetUser;

[Authorize(Roles = Roles.Admin)]
public sealed record GetUserQuery(Guid Id) : IQuery<Result<UserDto>>;

public sealed class GetUserQueryHandler(IApplicationDbContext db) : IQueryHandler<GetUserQuery, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == query.Id).Select(UserDto.Projection).FirstOrDefaultAsync(cancellationToken);
        return user is null ? UserErrors.NotFound(query.Id) : user;
    }
}
