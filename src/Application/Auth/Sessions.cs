using CleanVisitors.Application.Auth.Commands.Login;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Auth;

/// <summary>What login and refresh share: the answer with both tokens, and ending sign-ins.</summary>
internal static class Sessions
{
    public static LoginResponse Answer(ITokenService tokens, LoginUser user, Guid securityStamp, RefreshToken refresh, string rawRefresh)
    {
        var access = tokens.Issue(user.Id, user.Role, securityStamp, refresh.FamilyId);
        return new LoginResponse(access.Token, "Bearer", access.ExpiresAt, rawRefresh, refresh.ExpiresAt, user);
    }

    /// <summary>Revokes every refresh token of the sign-in (the family) that is not revoked yet.</summary>
    public static Task<int> EndAsync(IApplicationDbContext db, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
}
