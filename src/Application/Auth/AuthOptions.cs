namespace CleanVisitors.Application.Auth;

/// <summary>Sign-in settings the handlers need (the access token's own live in Infrastructure).</summary>
public sealed class AuthOptions
{
    /// <summary><c>REFRESH_TOKEN_HOURS</c> (24): how long a refresh token may be exchanged; each exchange starts a new one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(24);
}
