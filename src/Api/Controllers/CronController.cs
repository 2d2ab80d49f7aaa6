using CleanVisitors.Api.Infrastructure;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Api.Security;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Application.Jobs.Commands.RunJob;
using CleanVisitors.Application.Jobs.Queries.ListCronRuns;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.Controllers;

[Route("api/cron")]
public sealed class CronController(ISender sender, CronSecret cronSecret) : ApiControllerBase(sender)
{
    /// <summary>
    /// Runs a scheduled job (<c>expire-pending</c>, <c>mark-no-shows</c>, <c>auto-checkout</c>, <c>purge-retention</c>,
    /// <c>daily-summary</c>, <c>outbox-sweep</c>, or <c>tick</c> for every job that is due).
    /// </summary>
    /// <remarks>
    /// Authenticated by <c>Authorization: Bearer &lt;CRON_SECRET&gt;</c>, not by a user token. 409 while the same job runs
    /// on any instance. Strictly rate limited. GET does the same as POST, because Vercel Cron calls its paths with GET.
    /// </remarks>
    [HttpPost("{job}")]
    [HttpGet("{job}")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
    [ProducesResponseType<JobRunResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Run(string job, CancellationToken cancellationToken)
    {
        if (!cronSecret.Accepts(Request.Headers.Authorization))
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            return this.ToProblem(Error.Unauthorized("cron.unauthorized", "Send the cron secret: Authorization: Bearer <CRON_SECRET>."));
        }

        return Answer(await Sender.Send(new RunJobCommand(job), cancellationToken));
    }

    /// <summary>Runs of the scheduled jobs, newest first; <c>job</c> narrows to one job.</summary>
    [HttpGet("runs")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<PagedList<CronRunDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Runs(string? job, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListCronRunsQuery(job, page, pageSize, cursor), cancellationToken));
}
