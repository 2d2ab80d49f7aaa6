namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>Issues access tokens.</summary>
public interface ITokenService
{
    /// <summary>
    /// An access token for the user as they are now, in the sign-in <paramref name="sessionId"/> (its refresh token family):
    /// it stops working once <paramref name="securityStamp"/> changes.
    /// </summary>
    AccessToken Issue(Guid userId, Domain.Users.UserRole role, Guid securityStamp, Guid sessionId);
}
