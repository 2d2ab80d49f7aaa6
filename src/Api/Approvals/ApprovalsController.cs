using CleanVisitors.Api.Http;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Application.Approvals.Commands.DecideApproval;
using CleanVisitors.Application.Approvals.Queries.GetApprovalRequest;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.Approvals;

/// <summary>
/// The host's approval link from the WhatsApp message: <c>GET /approve/{token}</c> shows the request and changes
/// nothing; its buttons post to <c>POST /api/public/approvals/{token}</c>, which also takes JSON. No login: the
/// random, single-use token is the credential. Rate limited like login.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
public sealed class ApprovalsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Show the approval page</summary>
    /// <remarks>The page the WhatsApp link opens: the visit to decide, with approve and reject buttons. It changes nothing; 404 or 410 pages when the link is not usable.</remarks>
    /// <param name="token">The single-use token of the approval link.</param>
    [HttpGet("/approve/{token}", Name = "showApprovalPage")]
    [Produces("text/html")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    [ProducesResponseType<string>(StatusCodes.Status404NotFound, "text/html")]
    [ProducesResponseType<string>(StatusCodes.Status410Gone, "text/html")]
    public async Task<IActionResult> Page(string token, CancellationToken cancellationToken)
    {
        var request = await Sender.Send(new GetApprovalRequestQuery(token), cancellationToken);
        var nonce = ApprovalPage.NewNonce();
        return request.IsSuccess
            ? Html(StatusCodes.Status200OK, ApprovalPage.Request(token, request.Value, nonce), nonce)
            : Html(request.Error.Type.StatusCode(), ApprovalPage.Outcome("Link not usable", request.Error.Description, nonce), nonce);
    }

    /// <summary>Decide a visit from the approval link</summary>
    /// <remarks>Approves or rejects the visit the link is for, with JSON <c>{decision, reason?}</c>, and answers the visit's new status. The token is spent.</remarks>
    /// <param name="token">The single-use token of the approval link.</param>
    /// <param name="body">The decision.</param>
    [HttpPost("/api/public/approvals/{token}", Name = "decideApproval")]
    [Consumes("application/json")]
    [ProducesResponseType<ApprovalOutcomeDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<IActionResult> Decide(string token, ApprovalDecisionRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new DecideApprovalCommand(token, body.Decision, body.Reason), cancellationToken));

    /// <summary>The page's own form post: the same decision, answered with a page that shows the outcome.</summary>
    [HttpPost("/api/public/approvals/{token}")]
    [Consumes("application/x-www-form-urlencoded")]
    [Produces("text/html")]
    [ApiExplorerSettings(IgnoreApi = true)]
    public async Task<IActionResult> DecideForm(string token, [FromForm] string? decision, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var outcome = await Sender.Send(new DecideApprovalCommand(token, decision?.Trim(), reason?.Trim()), cancellationToken);
        var nonce = ApprovalPage.NewNonce();
        return outcome.Match(
            decided => Html(StatusCodes.Status200OK, decided.Status == VisitStatus.Approved
                ? ApprovalPage.Outcome("Visit approved", "Thank you. The visitor has been told they may come in.", nonce)
                : ApprovalPage.Outcome("Visit rejected", "Thank you. The visitor has been told.", nonce), nonce),
            error => Html(error.Type.StatusCode(), ApprovalPage.Outcome("Not recorded", Describe(error), nonce), nonce));
    }

    private static string Describe(Error error) =>
        error.ValidationErrors is { } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : error.Description;

    private ContentResult Html(int status, string html, string nonce)
    {
        Response.Headers.ContentSecurityPolicy = ApprovalPage.ContentSecurityPolicy(nonce);
        Response.Headers.CacheControl = "no-store";
        return new ContentResult { StatusCode = status, ContentType = "text/html; charset=utf-8", Content = html };
    }
}
