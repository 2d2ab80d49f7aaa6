using CleanVisitors.Application.AuditLogs.Queries.ListAuditLogs;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Controllers;

[Route("api/audit-logs")]
[Authorize(Roles = Roles.Admin)]
public sealed class AuditLogsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Audit entries, newest first: every creation and transition of a visit, every change to users and visitors.</summary>
    [HttpGet]
    [ProducesResponseType<PagedList<AuditLogDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(Guid? entityId, Guid? userId, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListAuditLogsQuery(entityId, userId, page, pageSize, cursor), cancellationToken));
}
