using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Http;

/// <summary>
/// What every controller shares: the mediator, and turning results into responses. Controllers only bind the HTTP
/// shape, build the command or query, send it and map the result.
/// </summary>
[ApiController]
[Authorize]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;

    protected IActionResult Answer<T>(Result<T> result) => result.IsSuccess ? Ok(result.Value) : this.ToProblem(result.Error);

    protected IActionResult AnswerCreated<T>(Result<T> result, string actionName, Func<T, object> routeValues) =>
        result.IsSuccess ? CreatedAtAction(actionName, routeValues(result.Value), result.Value) : this.ToProblem(result.Error);

    protected IActionResult AnswerNoContent(Result result) => result.IsSuccess ? NoContent() : this.ToProblem(result.Error);
}
