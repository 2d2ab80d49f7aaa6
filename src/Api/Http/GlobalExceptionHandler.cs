using CleanVisitors.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Http;

/// <summary>
/// The one place an unexpected exception becomes a response: an RFC 9457 problem. Bad requests that Kestrel or
/// the framework reject (body too large, malformed) keep their 4xx status; everything else is a 500 that shows no
/// internals outside Development.
/// </summary>
internal sealed partial class GlobalExceptionHandler(
    IProblemDetailsService problemDetails,
    IHostEnvironment environment,
    ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            LogAborted(logger, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            _ when DatabaseFailures.IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
        var problem = new ProblemDetails { Status = status };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem.Detail = "The service cannot reach its database right now; try again shortly.";
            httpContext.Response.Headers.RetryAfter = "5";
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem.Detail = environment.IsDevelopment()
                ? exception.ToString()
                : "An unexpected error occurred. Quote the traceId when you report it.";
        }
        else
        {
            LogBadRequest(logger, status, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            problem.Detail = status == StatusCodes.Status413PayloadTooLarge ? "The request body is larger than allowed." : exception.Message;
        }

        httpContext.Response.StatusCode = status;
        if (status < 500)
        {
            // The handler starts the response afresh: a client error still says where the client stands.
            RateLimiting.GlobalRateLimit.WriteHeaders(httpContext);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database unavailable on {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected bad request {Status} on {Method} {Path}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client aborted {Method} {Path}")]
    private static partial void LogAborted(ILogger logger, string method, string path);
}
