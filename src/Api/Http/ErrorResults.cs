using CleanVisitors.Application.Visitors;
using CleanVisitors.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace CleanVisitors.Api.Http;

/// <summary>Maps an expected failure to its one status and an RFC 9457 problem.</summary>
internal static class ErrorResults
{
    public static int StatusCode(this ErrorType type) => type switch
    {
        ErrorType.Validation => StatusCodes.Status400BadRequest,
        ErrorType.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorType.Forbidden => StatusCodes.Status403Forbidden,
        ErrorType.NotFound => StatusCodes.Status404NotFound,
        ErrorType.Conflict => StatusCodes.Status409Conflict,
        ErrorType.Gone => StatusCodes.Status410Gone,
        ErrorType.Transient => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// The status of an error: its type's, except for the two upload failures HTTP has a precise status for. They stay
    /// <see cref="ErrorType.Validation"/> inside (the input is unacceptable); only this edge knows 415 and 413.
    /// </summary>
    public static int StatusCode(this Error error) => error.Code switch
    {
        PhotoErrors.UnsupportedMediaTypeCode => StatusCodes.Status415UnsupportedMediaType,
        PhotoErrors.TooLargeCode => StatusCodes.Status413PayloadTooLarge,
        _ => error.Type.StatusCode(),
    };

    public static IActionResult ToProblem(this ControllerBase controller, Error error) => Problem(controller.HttpContext, error);

    /// <summary>
    /// Writes the same answer as <see cref="ToProblem"/>, for code that answers before any controller runs (the cron
    /// secret's authentication challenge): the same status, problem, media type and formatter.
    /// </summary>
    public static Task WriteProblemAsync(this HttpContext context, Error error) =>
        Problem(context, error).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

    private static ObjectResult Problem(HttpContext context, Error error)
    {
        var factory = context.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var status = error.StatusCode();
        ProblemDetails problem;
        if (error.ValidationErrors is { } errors)
        {
            var modelState = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(field, message);
                }
            }

            problem = factory.CreateValidationProblemDetails(context, modelState, status, detail: error.Description);
        }
        else
        {
            problem = factory.CreateProblemDetails(context, status, detail: error.Description);
        }

        problem.Extensions["code"] = error.Code;
        foreach (var (key, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
