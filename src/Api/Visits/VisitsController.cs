using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
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

namespace CleanVisitors.Api.Visits;

[Route("api/visits")]
public sealed class VisitsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Register a visit or invite a visitor</summary>
    /// <remarks>Admin and Receptionist register a visit at the front desk: it starts <c>PendingApproval</c> and the host is asked on WhatsApp. A Host invites a visitor for themselves: the visit starts <c>Approved</c> and needs <c>expectedAt</c>. Give exactly one of <c>visitorId</c> (a known visitor) or <c>visitor</c> (matched by phone number, or created).</remarks>
    /// <param name="command">The visit.</param>
    [HttpPost(Name = "createVisit")]
    [Authorize(Roles = Roles.Any)]
    [Consumes("application/json")]
    [ProducesResponseType<VisitDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateVisitCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), visit => new { id = visit.Id });

    /// <summary>List visits</summary>
    /// <remarks>Visits, newest first; a Host sees only their own. Paged by <c>page</c> or by <c>cursor</c> (each page's <c>nextCursor</c>).</remarks>
    /// <param name="status">Only visits in this status.</param>
    /// <param name="hostId">Only visits to this host.</param>
    /// <param name="visitorId">Only visits of this visitor.</param>
    /// <param name="from">Only visits created at or after this instant.</param>
    /// <param name="to">Only visits created before this instant.</param>
    /// <param name="page">The page number, from 1; leave out when sending <c>cursor</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page, for the page after it.</param>
    [HttpGet(Name = "listVisits")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<PagedList<VisitDto>>(StatusCodes.Status200OK)]
    [ValidatedAs(typeof(ListVisitsQuery))]
    public async Task<IActionResult> List(
        VisitStatus? status, Guid? hostId, Guid? visitorId, DateTimeOffset? from, DateTimeOffset? to,
        int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListVisitsQuery(status, hostId, visitorId, from, to, page, pageSize, cursor), cancellationToken));

    /// <summary>List the visitors on site</summary>
    /// <remarks>The evacuation list: every visit now checked in, optionally at one site. Not paged.</remarks>
    /// <param name="siteId">Only visits at this site.</param>
    [HttpGet("on-site", Name = "listOnSiteVisits")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<IReadOnlyList<VisitDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> OnSite(Guid? siteId, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListOnSiteVisitsQuery(siteId), cancellationToken));

    /// <summary>Find a visit by badge code</summary>
    /// <remarks>The visit whose badge carries this code, for check-in and check-out at the desk.</remarks>
    /// <param name="badgeCode">The code printed on the visitor's badge.</param>
    [HttpGet("by-badge/{badgeCode}", Name = "getVisitByBadge")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ByBadge(string badgeCode, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetVisitByBadgeQuery(badgeCode), cancellationToken));

    /// <summary>Export visits as CSV</summary>
    /// <remarks>The visits created in [from, to) as CSV, streamed in constant memory; cells that a spreadsheet would read as a formula are escaped.</remarks>
    /// <param name="from">Only visits created at or after this instant.</param>
    /// <param name="to">Only visits created before this instant.</param>
    [HttpGet("export", Name = "exportVisits")]
    [Authorize(Roles = Roles.Admin)]
    [Produces("text/csv")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    [ValidatedAs(typeof(ExportVisitsQuery))]
    public async Task<IActionResult> Export(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new ExportVisitsQuery(from, to), cancellationToken);
        return result.Match<IActionResult>(visits => new VisitCsvResult(visits), this.ToProblem);
    }

    /// <summary>Get a visit</summary>
    /// <remarks>One visit; a Host sees only their own.</remarks>
    /// <param name="id">The visit's id.</param>
    [HttpGet("{id}", Name = "getVisit")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetVisitQuery(id), cancellationToken));

    /// <summary>List a visit's notifications</summary>
    /// <remarks>Every WhatsApp notification of the visit: its kind, masked recipient, status, attempts and last error.</remarks>
    /// <param name="id">The visit's id.</param>
    [HttpGet("{id}/notifications", Name = "listVisitNotifications")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<IReadOnlyList<NotificationDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Notifications(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ListVisitNotificationsQuery(id), cancellationToken));

    /// <summary>Approve a visit</summary>
    /// <remarks>The host (or an Admin) lets a pending visit go ahead; the visitor is told. 409 with <c>currentStatus</c> unless the visit is <c>PendingApproval</c>.</remarks>
    /// <param name="id">The visit's id.</param>
    [HttpPost("{id}/approve", Name = "approveVisit")]
    [Authorize(Roles = Roles.AdminOrHost)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Approve(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new ApproveVisitCommand(id), cancellationToken));

    /// <summary>Reject a visit</summary>
    /// <remarks>The host (or an Admin) turns a pending visit down, with an optional reason; the visitor is told. The body may be left out.</remarks>
    /// <param name="id">The visit's id.</param>
    /// <param name="body">Why, optionally.</param>
    [HttpPost("{id}/reject", Name = "rejectVisit")]
    [Authorize(Roles = Roles.AdminOrHost)]
    [Consumes("application/json")]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Reject(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RejectVisitRequest? body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new RejectVisitCommand(id, body?.Reason), cancellationToken));

    /// <summary>Check a visitor in</summary>
    /// <remarks>An approved visit becomes <c>CheckedIn</c>; a blocked visitor is refused (409).</remarks>
    /// <param name="id">The visit's id.</param>
    [HttpPost("{id}/check-in", Name = "checkInVisit")]
    [Authorize(Roles = Roles.AdminOrReceptionist)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> CheckIn(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new CheckInVisitCommand(id), cancellationToken));

    /// <summary>Check a visitor out</summary>
    /// <remarks>A checked-in visit becomes <c>CheckedOut</c>.</remarks>
    /// <param name="id">The visit's id.</param>
    [HttpPost("{id}/check-out", Name = "checkOutVisit")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> CheckOut(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new CheckOutVisitCommand(id), cancellationToken));

    /// <summary>Cancel a visit</summary>
    /// <remarks>A visit that has not started (pending or approved) becomes <c>Cancelled</c>.</remarks>
    /// <param name="id">The visit's id.</param>
    [HttpPost("{id}/cancel", Name = "cancelVisit")]
    [Authorize(Roles = Roles.Any)]
    [ProducesResponseType<VisitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Cancel(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new CancelVisitCommand(id), cancellationToken));
}
