namespace CleanVisitors.Api.RateLimiting;

/// <summary>Whose requests count together: the authenticated user, else the client IP (forwarded only by trusted proxies).</summary>
public static class ClientKeys
{
    public static string Ip(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static string Client(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { } userId ? "user:" + userId : Ip(context);
}
