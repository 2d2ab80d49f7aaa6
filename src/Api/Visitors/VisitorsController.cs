using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Visitors;
using CleanVisitors.Application.Visitors.Commands.BlockVisitor;
using CleanVisitors.Application.Visitors.Commands.CreateVisitor;
using CleanVisitors.Application.Visitors.Commands.EraseVisitor;
using CleanVisitors.Application.Visitors.Commands.SetVisitorPhoto;
using CleanVisitors.Application.Visitors.Commands.UnblockVisitor;
using CleanVisitors.Application.Visitors.Commands.UpdateVisitor;
using CleanVisitors.Application.Visitors.Queries.GetVisitor;
using CleanVisitors.Application.Visitors.Queries.GetVisitorPhoto;
using CleanVisitors.Application.Visitors.Queries.ListVisitors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Visitors;

[Route("api/visitors")]
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed class VisitorsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Room for the multipart framing around a 5 MB photo (boundaries, part headers).</summary>
    private const int MultipartOverheadBytes = 64 * 1024;

    private const long PhotoRequestLimit = PhotoFormat.MaxBytes + MultipartOverheadBytes;

    /// <summary>Register a visitor</summary>
    /// <remarks>Adds a person to the directory; 409 with <c>existingId</c> when the phone number is known.</remarks>
    /// <param name="command">The visitor.</param>
    [HttpPost(Name = "createVisitor")]
    [Consumes("application/json")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateVisitorCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), visitor => new { id = visitor.Id });

    /// <summary>List visitors</summary>
    /// <remarks>Visitors, newest first. Paged by <c>page</c> or by <c>cursor</c>.</remarks>
    /// <param name="search">Matches name, phone number or company, ignoring case.</param>
    /// <param name="page">The page number, from 1; leave out when sending <c>cursor</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page, for the page after it.</param>
    [HttpGet(Name = "listVisitors")]
    [ProducesResponseType<PagedList<VisitorDto>>(StatusCodes.Status200OK)]
    [ValidatedAs(typeof(ListVisitorsQuery))]
    public async Task<IActionResult> List(string? search, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListVisitorsQuery(search, page, pageSize, cursor), cancellationToken));

    /// <summary>Get a visitor</summary>
    /// <remarks>One visitor; an erased visitor answers with <c>isErased: true</c> and every personal field null.</remarks>
    /// <param name="id">The visitor's id.</param>
    [HttpGet("{id}", Name = "getVisitor")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetVisitorQuery(id), cancellationToken));

    /// <summary>Update a visitor</summary>
    /// <remarks>Replaces the visitor's fields; 409 when the phone number belongs to another visitor or the visitor was erased.</remarks>
    /// <param name="id">The visitor's id.</param>
    /// <param name="body">The visitor's fields.</param>
    [HttpPut("{id}", Name = "updateVisitor")]
    [Consumes("application/json")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, UpdateVisitorRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new UpdateVisitorCommand(id, body.FullName, body.PhoneNumber, body.Email, body.Company), cancellationToken));

    /// <summary>Erase a visitor's personal data</summary>
    /// <remarks>Right to erasure: the person's personal data and photo go, their visits stay anonymised. 409 while the visitor is on site.</remarks>
    /// <param name="id">The visitor's id.</param>
    [HttpDelete("{id}", Name = "eraseVisitor")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Erase(Guid id, CancellationToken cancellationToken) =>
        AnswerNoContent(await Sender.Send(new EraseVisitorCommand(id), cancellationToken));

    /// <summary>Block a visitor</summary>
    /// <remarks>A blocked visitor cannot get a visit or check in.</remarks>
    /// <param name="id">The visitor's id.</param>
    /// <param name="body">Why the visitor is blocked.</param>
    [HttpPost("{id}/block", Name = "blockVisitor")]
    [Authorize(Roles = Roles.Admin)]
    [Consumes("application/json")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Block(Guid id, BlockVisitorRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new BlockVisitorCommand(id, body.Reason), cancellationToken));

    /// <summary>Upload a visitor's photo</summary>
    /// <remarks>Sets or replaces the photo: the <c>multipart/form-data</c> field <c>file</c>, a JPEG, PNG or WebP image (recognised by its bytes, not its name or declared type) of at most 5 MB. 415 for anything else, 413 when larger, 409 for an erased visitor.</remarks>
    /// <param name="id">The visitor's id.</param>
    /// <param name="file">The image.</param>
    [HttpPut("{id}/photo", Name = "setVisitorPhoto")]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(PhotoRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = PhotoRequestLimit)]
    [ReadFormFirst]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> SetPhoto(Guid id, IFormFile? file, CancellationToken cancellationToken)
    {
        await using var content = file?.OpenReadStream();
        return AnswerNoContent(await Sender.Send(new SetVisitorPhotoCommand(id, content), cancellationToken));
    }

    /// <summary>Download a visitor's photo</summary>
    /// <remarks>The photo's bytes as uploaded, with their media type, shown inline under a server-chosen name; 404 when there is none.</remarks>
    /// <param name="id">The visitor's id.</param>
    [HttpGet("{id}/photo", Name = "getVisitorPhoto")]
    [ProducesResponseType<FileStreamResult>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetPhoto(Guid id, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new GetVisitorPhotoQuery(id), cancellationToken);
        return result.Match(
            photo =>
            {
                Response.Headers.ContentDisposition = $"inline; filename=\"{photo.FileName}\""; // a name of ours, never the upload's
                Response.Headers.CacheControl = "private, no-store"; // personal data: never kept by shared caches
                return File(photo.Content, photo.ContentType);
            },
            this.ToProblem);
    }

    /// <summary>Unblock a visitor</summary>
    /// <remarks>Lifts the block.</remarks>
    /// <param name="id">The visitor's id.</param>
    [HttpPost("{id}/unblock", Name = "unblockVisitor")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Unblock(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new UnblockVisitorCommand(id), cancellationToken));
}
