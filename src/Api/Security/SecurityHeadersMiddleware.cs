namespace CleanVisitors.Api.Security;

/// <summary>
/// Security headers on every response, errors included (set when the response starts, whoever writes it), and
/// <c>Cache-Control: no-store</c> on API answers that set no caching of their own.
/// <c>X-XSS-Protection: 0</c> on purpose: the old browser XSS filter is itself exploitable and modern advice is
/// to turn it off and rely on the Content-Security-Policy.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IHostEnvironment environment)
{
    /// <summary>For JSON and problem responses: nothing may load, nothing may frame us.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>For the Scalar API reference page (Development only): its script, styles and fonts from this origin and its CDN.</summary>
    public const string ScalarContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; " +
        "font-src 'self' data: https://fonts.gstatic.com https://cdn.jsdelivr.net; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'";

    private readonly bool _development = environment.IsDevelopment();

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (ctx, development) = ((HttpContext, bool))state;
            var headers = ctx.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers.XXSSProtection = "0";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                var scalar = development && ctx.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase);
                headers.ContentSecurityPolicy = scalar ? ScalarContentSecurityPolicy : ApiContentSecurityPolicy;
            }

            // API answers hold personal data and tokens: no browser or proxy keeps them (ASVS 5.0 V14.3), unless an
            // endpoint chose its own caching.
            if (!headers.ContainsKey("Cache-Control") && ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
            }

            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, (context, _development));
        return next(context);
    }
}
