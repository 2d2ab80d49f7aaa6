using CleanVisitors.Api.Security;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Users;
using CleanVisitors.Infrastructure.Identity;

namespace CleanVisitors.Api.Http;

/// <summary>
/// The caller as the validated access token says: <c>sub</c> is the user id, <c>role</c> the role, <c>sid</c> the sign-in.
/// The system is the caller in a scope marked as its own (a consumer's, the scheduler's: <see cref="SystemCaller"/>) and
/// in a request signed in with the cron secret (<see cref="CronSecretAuthentication"/>).
/// </summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor, SystemCaller system) : ICurrentUser
{
    public Guid? Id => Guid.TryParse(accessor.HttpContext?.User.FindFirst("sub")?.Value, out var id) ? id : null;

    public UserRole? Role => Enum.TryParse<UserRole>(accessor.HttpContext?.User.FindFirst(AccessTokenClaims.Role)?.Value, out var role) ? role : null;

    public Guid? SessionId => Guid.TryParse(accessor.HttpContext?.User.FindFirst(AccessTokenClaims.Session)?.Value, out var id) ? id : null;

    public bool IsSystem => system.IsActive || CronSecretAuthentication.IsScheduler(accessor.HttpContext?.User);
}
