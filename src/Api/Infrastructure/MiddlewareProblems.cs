using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Infrastructure;

/// <summary>
/// An RFC 9457 problem written by a middleware that answers before any endpoint runs (a body too large, a NUL, a rate
/// limit), through ASP.NET Core's problem details service: the same members (type, instance, traceId) as every other
/// problem of the API.
/// </summary>
internal static class MiddlewareProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string? code = null, string? type = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
