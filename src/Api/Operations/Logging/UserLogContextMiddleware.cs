using Serilog.Context;

namespace CleanVisitors.Api.Operations.Logging;

/// <summary>Adds the authenticated user's id to every log event written while the request runs.</summary>
public sealed class UserLogContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var userId = context.User.FindFirst("sub")?.Value;
        if (userId is null)
        {
            await next(context);
            return;
        }

        using (LogContext.PushProperty("UserId", userId))
        {
            await next(context);
        }
    }
}
