using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Users.Queries.ListHosts;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Users;

[Route("api/hosts")]
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed class HostsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List hosts</summary>
    /// <remarks>Active hosts, for picking whom a visitor comes to see. Paged by <c>page</c> or by <c>cursor</c>.</remarks>
    /// <param name="search">Matches the host's name, ignoring case.</param>
    /// <param name="page">The page number, from 1; leave out when sending <c>cursor</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page, for the page after it.</param>
    [HttpGet(Name = "listHosts")]
    [ProducesResponseType<PagedList<HostDto>>(StatusCodes.Status200OK)]
    [ValidatedAs(typeof(ListHostsQuery))]
    public async Task<IActionResult> List(string? search, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListHostsQuery(search, page, pageSize, cursor), cancellationToken));
}
