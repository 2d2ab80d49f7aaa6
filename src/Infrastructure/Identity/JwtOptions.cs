namespace CleanVisitors.Infrastructure.Identity;

/// <summary>Access token settings (<c>JWT_SECRET</c>, <c>JWT_EXPIRES_MINUTES</c>).</summary>
public sealed class JwtOptions
{
    public const int MinimumSecretLength = 32;

    public string Secret { get; set; } = string.Empty;

    public string Issuer { get; set; } = "cleanvisitors";

    public string Audience { get; set; } = "cleanvisitors-api";

    public int ExpiresMinutes { get; set; } = 60;

    /// <summary>Allowed clock difference when checking token lifetimes; at most 30 s.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
}
