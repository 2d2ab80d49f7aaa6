using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Api.Security;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Application.Jobs.Commands.RunJob;
using CleanVisitors.Application.Jobs.Queries.ListCronRuns;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.Jobs;

[Route("api/cron")]
public sealed class CronController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Run a scheduled job</summary>
    /// <remarks>Runs <c>expire-pending</c>, <c>mark-no-shows</c>, <c>auto-checkout</c>, <c>purge-retention</c>, <c>daily-summary</c>, <c>outbox-sweep</c>, or <c>tick</c> (every job that is due). 409 while the same job runs on any instance. Strictly rate limited. The GET form does the same, for schedulers that call with GET (Vercel Cron).</remarks>
    /// <param name="job">The job's name, or <c>tick</c>.</param>
    [HttpPost("{job}", Name = "runJob")]
    [HttpGet("{job}", Name = "runJobByGet")]
    [Authorize(AuthenticationSchemes = CronSecretAuthentication.Scheme)]
    [EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
    [ProducesResponseType<JobRunResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Run(string job, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new RunJobCommand(job), cancellationToken));

    /// <summary>List job runs</summary>
    /// <remarks>Runs of the scheduled jobs, newest first. Paged by <c>page</c> or by <c>cursor</c>.</remarks>
    /// <param name="job">Only runs of this job.</param>
    /// <param name="page">The page number, from 1; leave out when sending <c>cursor</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page, for the page after it.</param>
    [HttpGet("runs", Name = "listCronRuns")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<PagedList<CronRunDto>>(StatusCodes.Status200OK)]
    [ValidatedAs(typeof(ListCronRunsQuery))]
    public async Task<IActionResult> Runs(string? job, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListCronRunsQuery(job, page, pageSize, cursor), cancellationToken));
}
