using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Application.Auth;

/// <summary>Sign-in settings the handlers need (the access token's own live in Infrastructure).</summary>
public sealed class AuthOptions
{
    /// <summary><c>REFRESH_TOKEN_HOURS</c> (24): how long a refresh token may be exchanged; each exchange starts a new one.</summary>
    [ConfigurationKeyName("REFRESH_TOKEN_HOURS")]
    public int RefreshTokenHours { get; set; } = 24;

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromHours(RefreshTokenHours);
}
