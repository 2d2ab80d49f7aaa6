using CleanVisitors.Api.Infrastructure;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Notifications.Queries.ListVisitNotifications;
using CleanVisitors.Application.Visits;
using CleanVisitors.Application.Visits.Commands.ApproveVisit;
using CleanVisitors.Application.Visits.Commands.CancelVisit;
using CleanVisitors.Application.Visits.Commands.CheckInVisit;
using CleanVisitors.Application.Visits.Commands.CheckOutVisit;
using CleanVisitors.Application.Visits.Commands.CreateVisit;
using CleanVisitors.Application.Visits.Commands.RejectVisit;
using CleanVisitors.Application.Visits.Queries.ExportVisits;
using CleanVisitors.Application.Visits.Queries.GetVisit;
using CleanVisitors.Application.Visits.Queries.GetVisitByBadge;
using CleanVisitors.Application.Visits.Queries.ListOnSiteVisits;
using CleanVisitors.Application.Visits.Queries.ListVisits;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CleanVisitors.Api.Controllers;

[Route("api/visits")]
public sealed class VisitsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>
    /// Registers a visit (Admin, Receptionist: starts PendingApproval, the host is asked) or invites a visitor
    /// (Host, for themselves: starts Approved, needs expectedAt).
    /// </summary>
    [HttpPost]
    [Authorize(Roles = Roles.Any)]
    [Consumes("application/json")]
    [ProducesResponseType<VisitDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateVisitCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), visit => new { id = visit.Id });

    /// <summary>Visits, newest first; a Host sees only their own. <c>from</c>/<c>to</c> bound <c>createdAt</c> as [from, to).</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<PagedList<VisitDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(
        VisitStatus? status, Guid? hostId, Guid? visitorId, DateTimeOffset? from, DateTimeOffset? to,
        int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListVisitsQuery(status, hostId, visitorId, from, to, page, pageSize, cursor), cancellationToken));

    /// <summary>The evacuation list: every visit now checked in (optionally at one site). Not paged.</summary>
    [HttpGet("on-site")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<IReadOnlyList<VisitDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> OnSite(Guid? siteId, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListOnSiteVisitsQuery(siteId), cancellationToken));

    [HttpGet("by-badge/{badgeCode}")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ByBadge(string badgeCode, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetVisitByBadgeQuery(badgeCode), cancellationToken));

    /// <summary>CSV of the visits created in [from, to), streamed in constant memory; formula-like cells are escaped.</summary>
    [HttpGet("export")]
    [Authorize(Roles = Roles.Admin)]
    [Produces("text/csv")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    public async Task<IActionResult> Export(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ExportVisitsQuery(from, to), cancellationToken);
        return result.IsSuccess ? new VisitCsvResult(result.Value) : this.ToProblem(result.Error!);
    }

    [HttpGet("{id}")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetVisitQuery(id), cancellationToken));

    /// <summary>Every WhatsApp notification of the visit: kind, masked recipient, status, attempts, last error.</summary>
    [HttpGet("{id}/notifications")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<IReadOnlyList<NotificationDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Notifications(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListVisitNotificationsQuery(id), cancellationToken));

    [HttpPost("{id}/approve")]
    [Authorize(Roles = Roles.AdminOrHost)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Approve(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ApproveVisitCommand(id), cancellationToken));

    [HttpPost("{id}/reject")]
    [Authorize(Roles = Roles.AdminOrHost)]
    [Consumes("application/json")]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Reject(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RejectVisitRequest? body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new RejectVisitCommand(id, body?.Reason), cancellationToken));

    [HttpPost("{id}/check-in")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> CheckIn(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new CheckInVisitCommand(id), cancellationToken));

    [HttpPost("{id}/check-out")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> CheckOut(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new CheckOutVisitCommand(id), cancellationToken));

    [HttpPost("{id}/cancel")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Cancel(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new CancelVisitCommand(id), cancellationToken));
}

public sealed record RejectVisitRequest(string? Reason);
