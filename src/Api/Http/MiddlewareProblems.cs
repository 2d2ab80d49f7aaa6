using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Http;

/// <summary>
/// An RFC 9457 problem written by a middleware that answers before any endpoint runs (a body too large, a NUL, a rate
/// limit), through ASP.NET Core's problem details service: the same members (type, instance, traceId) as every other
/// problem of the API.
/// </summary>
internal static class MiddlewareProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? code = null, string? type = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        // A client whose Accept header rules JSON out (a CSV download) still gets the status and a sentence, not a 500.
        var written = await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        if (!written)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail, context.RequestAborted);
        }
    }
}
