namespace CleanVisitors.Api.RateLimiting;

/// <summary>Adds the <c>X-RateLimit-*</c> headers to every response the global limiter let through.</summary>
public sealed class RateLimitHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        GlobalRateLimit.WriteHeaders(context);
        return next(context);
    }
}
