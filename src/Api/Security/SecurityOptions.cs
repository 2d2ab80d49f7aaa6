using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Security;

/// <summary>Who may call across origins, which proxies may say who the client is, and the secret of <c>/api/cron/*</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary><c>CORS_ORIGIN</c>: the front-end origins, comma-separated (<c>*</c> for any, never in Production).</summary>
    [ConfigurationKeyName("CORS_ORIGIN")]
    public string? CorsOrigin { get; set; }

    /// <summary><c>TRUSTED_PROXIES</c>: addresses or CIDR networks whose X-Forwarded-* headers are believed, comma-separated.</summary>
    [ConfigurationKeyName("TRUSTED_PROXIES")]
    public string? TrustedProxies { get; set; }

    /// <summary><c>CRON_SECRET</c>: the bearer secret of the external scheduler's calls.</summary>
    [ConfigurationKeyName("CRON_SECRET")]
    public string? CronSecret { get; set; }

    public IReadOnlyList<string> CorsOrigins => Settings.List(CorsOrigin);

    public IReadOnlyList<string> TrustedProxyList => Settings.List(TrustedProxies);
}
