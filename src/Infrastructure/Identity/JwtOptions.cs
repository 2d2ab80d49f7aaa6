using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>Access token settings.</summary>
public sealed class JwtOptions
{
    public const int MinimumSecretLength = 32;

    /// <summary>A Production <c>JWT_SECRET</c> has at least this many different characters.</summary>
    public const int MinimumDistinctSecretCharacters = 16;

    /// <summary><c>JWT_SECRET</c>: signs the access tokens (and keys the shared rate-limit counters).</summary>
    [ConfigurationKeyName("JWT_SECRET")]
    public string Secret { get; set; } = string.Empty;

    public string Issuer { get; set; } = "cleanvisitors";

    public string Audience { get; set; } = "cleanvisitors-api";

    /// <summary><c>JWT_EXPIRES_MINUTES</c>: short, since a refresh token gets the next one (API.md, Auth).</summary>
    [ConfigurationKeyName("JWT_EXPIRES_MINUTES")]
    public int ExpiresMinutes { get; set; } = 15;

    /// <summary>Allowed clock difference when checking token lifetimes; at most 30 s.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Values that are examples, never secrets: refused as <c>JWT_SECRET</c> in Production.</summary>
    public static readonly IReadOnlySet<string> KnownPlaceholderSecrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "change-me-to-a-random-secret-of-at-least-32-chars",
        "your-super-secret-jwt-key-change-in-production",
        "your-secret-key-at-least-32-characters-long",
        "secretsecretsecretsecretsecretsecret",
        "changemechangemechangemechangeme",
    };
}
