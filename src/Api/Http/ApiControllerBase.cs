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

    protected IActionResult Answer<T>(Result<T> result) => result.Match<IActionResult>(value => Ok(value), this.ToProblem);

    protected IActionResult AnswerCreated<T>(Result<T> result, string actionName, Func<T, object> routeValues) =>
        result.Match<IActionResult>(value => CreatedAtAction(actionName, routeValues(value), value), this.ToProblem);

    protected IActionResult AnswerNoContent(Result result) => result.Match<IActionResult>(NoContent, this.ToProblem);
}
