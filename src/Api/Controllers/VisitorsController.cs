using CleanVisitors.Api.Infrastructure;
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

namespace CleanVisitors.Api.Controllers;

[Route("api/visitors")]
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed class VisitorsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Room for the multipart framing around a 5 MB photo (boundaries, part headers).</summary>
    private const int MultipartOverheadBytes = 64 * 1024;

    private const long PhotoRequestLimit = PhotoFormat.MaxBytes + MultipartOverheadBytes;

    /// <summary>Registers a person; 409 with <c>existingId</c> when the phone number is known.</summary>
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateVisitorCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), visitor => new { id = visitor.Id });

    /// <summary>Visitors, newest first; <c>search</c> matches name, phone or company, case-insensitive.</summary>
    [HttpGet]
    [ProducesResponseType<PagedList<VisitorDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(string? search, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListVisitorsQuery(search, page, pageSize, cursor), cancellationToken));

    [HttpGet("{id}")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetVisitorQuery(id), cancellationToken));

    [HttpPut("{id}")]
    [Consumes("application/json")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, UpdateVisitorRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new UpdateVisitorCommand(id, body.FullName, body.PhoneNumber, body.Email, body.Company), cancellationToken));

    /// <summary>Right to erasure: personal data goes, visits stay anonymised; 409 while the visitor is on site.</summary>
    [HttpDelete("{id}")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Erase(Guid id, CancellationToken cancellationToken) =>
        AnswerNoContent(await Sender.Send(new EraseVisitorCommand(id), cancellationToken));

    [HttpPost("{id}/block")]
    [Authorize(Roles = Roles.Admin)]
    [Consumes("application/json")]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Block(Guid id, BlockVisitorRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new BlockVisitorCommand(id, body.Reason), cancellationToken));

    /// <summary>
    /// Sets or replaces the visitor's photo: the <c>multipart/form-data</c> field <c>file</c>, a JPEG, PNG or WebP image
    /// (recognised by its bytes, not its name or declared type) of at most 5 MB. 415 for anything else, 413 when larger,
    /// 409 for an erased visitor.
    /// </summary>
    [HttpPut("{id}/photo")]
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

    /// <summary>The photo's bytes as uploaded, with their type, shown inline under a server-chosen name; 404 when there is none.</summary>
    [HttpGet("{id}/photo")]
    [ProducesResponseType<FileStreamResult>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetPhoto(Guid id, CancellationToken cancellationToken)
    {
        var result = await Sender.Send(new GetVisitorPhotoQuery(id), cancellationToken);
        if (result.IsFailure)
        {
            return this.ToProblem(result.Error!);
        }

        var photo = result.Value;
        Response.Headers.ContentDisposition = $"inline; filename=\"{photo.FileName}\""; // a name of ours, never the upload's
        Response.Headers.CacheControl = "private, no-store"; // personal data: never kept by shared caches
        return File(photo.Content, photo.ContentType);
    }

    [HttpPost("{id}/unblock")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<VisitorDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Unblock(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new UnblockVisitorCommand(id), cancellationToken));
}

public sealed record UpdateVisitorRequest(string? FullName, string? PhoneNumber, string? Email, string? Company);

public sealed record BlockVisitorRequest(string? Reason);
