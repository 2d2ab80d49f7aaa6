using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Auth.Queries.GetMe;

[Authorize]
public sealed record GetMeQuery : IQuery<Result<MeDto>>;

public sealed class GetMeQueryHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<GetMeQuery, Result<MeDto>>
{
    public async ValueTask<Result<MeDto>> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var id = currentUser.RequiredId;
        var me = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.IsActive)
            .Select(u => new MeDto(u.Id, u.Email, u.FullName, u.PhoneNumber, u.Role))
            .FirstOrDefaultAsync(cancellationToken);
        return me is null ? Error.Unauthorized("auth.user_inactive", "This account no longer exists or is inactive.") : me;
    }
}
