namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>Salted, slow password hashing.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>True when <paramref name="password"/> matches; with a null hash it still spends the same time and returns false.</summary>
    bool Verify(string? passwordHash, string password);
}

/// <summary>Issues access tokens.</summary>
public interface ITokenService
{
    /// <summary>
    /// An access token for the user as they are now, in the sign-in <paramref name="sessionId"/> (its refresh token family):
    /// it stops working once <paramref name="securityStamp"/> changes.
    /// </summary>
    AccessToken Issue(Guid userId, Domain.Users.UserRole role, Guid securityStamp, Guid sessionId);
}

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);
