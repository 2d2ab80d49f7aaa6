using CleanVisitors.Api.Http;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Sites;
using CleanVisitors.Application.Sites.Commands.CreateSite;
using CleanVisitors.Application.Sites.Queries.GetSite;
using CleanVisitors.Application.Sites.Queries.ListSites;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Sites;

[Route("api/sites")]
public sealed class SitesController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Create a site</summary>
    /// <remarks>A building or office; <c>timeZone</c> is an IANA name such as Europe/Berlin.</remarks>
    /// <param name="command">The site.</param>
    [HttpPost(Name = "createSite")]
    [Authorize(Roles = Roles.Admin)]
    [Consumes("application/json")]
    [ProducesResponseType<SiteDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateSiteCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), site => new { id = site.Id });

    /// <summary>Get a site</summary>
    /// <remarks>One site (the target of a created site's <c>Location</c>).</remarks>
    /// <param name="id">The site's id.</param>
    [HttpGet("{id}", Name = "getSite")]
    [ProducesResponseType<SiteDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetSiteQuery(id), cancellationToken));

    /// <summary>List sites</summary>
    /// <remarks>Every site, by name. Not paged.</remarks>
    [HttpGet(Name = "listSites")]
    [ProducesResponseType<IReadOnlyList<SiteDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListSitesQuery(), cancellationToken));
}
