using System.Net;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Security;

/// <summary>CORS from <c>CORS_ORIGIN</c>, and forwarded headers only from <c>TRUSTED_PROXIES</c>.</summary>
public static class SecuritySetup
{
    /// <summary>
    /// The response headers a browser app may read across origins: where a created resource is, how long to wait, the rate
    /// limit, and the file name of a download (the photo, the CSV export).
    /// </summary>
    public static readonly string[] ExposedHeaders =
        ["Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Content-Disposition"];

    public static IServiceCollection AddHttpSecurity(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<SecurityOptions>>((options, security) => options.AddDefaultPolicy(policy =>
        {
            var origins = security.Value.CorsOrigins;
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            policy.AllowAnyHeader()
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((options, security) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Trust nobody by default (ASP.NET trusts loopback out of the box): only the configured proxies may say who the client is.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = null;
            foreach (var proxy in security.Value.TrustedProxyList)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>True when at least one proxy is trusted, so the forwarded-headers middleware has work to do.</summary>
    public static bool HasTrustedProxies(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustedProxyList.Count > 0;
}
