using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Users;
using CleanVisitors.Infrastructure.Identity;

namespace CleanVisitors.Api.Http;

/// <summary>The caller as the validated access token says: <c>sub</c> is the user id, <c>role</c> the role, <c>sid</c> the sign-in.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? Id => Guid.TryParse(accessor.HttpContext?.User.FindFirst("sub")?.Value, out var id) ? id : null;

    public UserRole? Role => Enum.TryParse<UserRole>(accessor.HttpContext?.User.FindFirst(AccessTokenClaims.Role)?.Value, out var role) ? role : null;

    public Guid? SessionId => Guid.TryParse(accessor.HttpContext?.User.FindFirst(AccessTokenClaims.Session)?.Value, out var id) ? id : null;
}
