using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Sites;
using CleanVisitors.Application.Sites.Commands.CreateSite;
using CleanVisitors.Application.Sites.Queries.ListSites;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Controllers;

[Route("api/sites")]
public sealed class SitesController(ISender sender) : ApiControllerBase(sender)
{
    [HttpPost]
    [Authorize(Roles = Roles.Admin)]
    [Consumes("application/json")]
    [ProducesResponseType<SiteDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateSiteCommand command, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(command, cancellationToken);
        return result.IsSuccess ? Created($"/api/sites/{result.Value.Id}", result.Value) : Answer(result);
    }

    [HttpGet]
    [ProducesResponseType<IReadOnlyList<SiteDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListSitesQuery(), cancellationToken));
}
