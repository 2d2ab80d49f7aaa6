using CleanVisitors.Domain.Users;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>The claims of an access token beyond the registered ones.</summary>
public static class AccessTokenClaims
{
    public const string Role = "role";

    /// <summary>The user's security stamp when the token was issued (<see cref="User.SecurityStamp"/>).</summary>
    public const string Stamp = "stamp";

    /// <summary>The sign-in (refresh token family) the token belongs to.</summary>
    public const string Session = "sid";
}
