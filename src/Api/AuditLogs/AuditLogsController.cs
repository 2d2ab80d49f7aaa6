using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.AuditLogs.Queries.ListAuditLogs;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.AuditLogs;

[Route("api/audit-logs")]
[Authorize(Roles = Roles.Admin)]
public sealed class AuditLogsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>List audit entries</summary>
    /// <remarks>Audit entries, newest first: every creation and transition of a visit, every change to users and visitors. Paged by <c>page</c> or by <c>cursor</c>.</remarks>
    /// <param name="entityId">Only entries about this visit, visitor or user.</param>
    /// <param name="userId">Only entries of this actor.</param>
    /// <param name="page">The page number, from 1; leave out when sending <c>cursor</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page, for the page after it.</param>
    [HttpGet(Name = "listAuditLogs")]
    [ProducesResponseType<PagedList<AuditLogDto>>(StatusCodes.Status200OK)]
    [ValidatedAs(typeof(ListAuditLogsQuery))]
    public async Task<IActionResult> List(Guid? entityId, Guid? userId, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListAuditLogsQuery(entityId, userId, page, pageSize, cursor), cancellationToken));
}
