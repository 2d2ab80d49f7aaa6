using System.Net;
using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Api.Security;

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
