namespace CleanVisitors.Infrastructure.Identity;

/// <summary>Access token settings (<c>JWT_SECRET</c>, <c>JWT_EXPIRES_MINUTES</c>).</summary>
public sealed class JwtOptions
{
    public const int MinimumSecretLength = 32;

    public string Secret { get; set; } = string.Empty;

    public string Issuer { get; set; } = "cleanvisitors";

    public string Audience { get; set; } = "cleanvisitors-api";

    /// <summary><c>JWT_EXPIRES_MINUTES</c>: short, since a refresh token gets the next one (API.md, Auth).</summary>
    public int ExpiresMinutes { get; set; } = 15;

    /// <summary>Allowed clock difference when checking token lifetimes; at most 30 s.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
}
