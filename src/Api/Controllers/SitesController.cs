using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Sites;
using CleanVisitors.Application.Sites.Commands.CreateSite;
using CleanVisitors.Application.Sites.Queries.GetSite;
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
    public async Task<IActionResult> Create(CreateSiteCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), site => new { id = site.Id });

    /// <summary>One site (the target of the <c>Location</c> header of a created site).</summary>
    [HttpGet("{id}")]
    [ProducesResponseType<SiteDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetSiteQuery(id), cancellationToken));

    [HttpGet]
    [ProducesResponseType<IReadOnlyList<SiteDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListSitesQuery(), cancellationToken));
}
