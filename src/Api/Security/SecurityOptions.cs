using System.Net;
using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

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

    public IReadOnlyList<string> CorsOrigins => SettingsRules<SecurityOptions>.List(CorsOrigin);

    public IReadOnlyList<string> TrustedProxyList => SettingsRules<SecurityOptions>.List(TrustedProxies);
}

public sealed class SecurityOptionsRules : SettingsRules<SecurityOptions>
{
    public SecurityOptionsRules(SettingsEnvironment environment)
    {
        RuleForEach(o => o.CorsOrigins)
            .Must(origin => origin == "*" || IsHttpUrl(origin))
            .WithMessage((_, origin) => $"has '{origin}', which is not an http(s) origin such as https://desk.example.com.")
            .OverridePropertyName(nameof(SecurityOptions.CorsOrigin));
        if (environment.IsProduction)
        {
            RuleForEach(o => o.CorsOrigins)
                .Must(origin => !(origin == "*" || IsHttpUrl(origin)) || (origin != "*" && !origin.Contains("localhost", StringComparison.OrdinalIgnoreCase) && !origin.Contains("127.0.0.1", StringComparison.Ordinal)))
                .WithMessage((_, origin) => $"has '{origin}': in Production list your real front-end origins, never * or localhost.")
                .OverridePropertyName(nameof(SecurityOptions.CorsOrigin));
        }

        RuleForEach(o => o.TrustedProxyList)
            .Must(proxy => IPAddress.TryParse(proxy, out _) || IPNetwork.TryParse(proxy, out _))
            .WithMessage((_, proxy) => $"has '{proxy}', which is neither an IP address nor a CIDR network (e.g. 10.0.0.0/8).")
            .OverridePropertyName(nameof(SecurityOptions.TrustedProxies));
        if (environment.IsProduction)
        {
            RuleFor(o => o.CronSecret).Must(secret => secret is { Length: >= 20 })
                .WithMessage("is missing or shorter than 20 characters; in Production set it to a random secret (e.g. `openssl rand -hex 24`).");
        }
    }
}
