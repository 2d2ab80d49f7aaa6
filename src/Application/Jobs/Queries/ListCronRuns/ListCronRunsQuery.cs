using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Jobs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Jobs.Queries.ListCronRuns;

/// <summary>Runs of the scheduled jobs, newest first, optionally of one job.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record ListCronRunsQuery(string? Job, int? Page = null, int PageSize = Paging.DefaultPageSize, string? Cursor = null)
    : IQuery<Result<PagedList<CronRunDto>>>, IPagedQuery
{
    public string CursorScope => $"cron-runs|{Job}";
}

public sealed class ListCronRunsQueryValidator : AbstractValidator<ListCronRunsQuery>
{
    public ListCronRunsQueryValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Job).MaximumLength(64).WithName("job");
    }
}

public sealed class ListCronRunsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListCronRunsQuery, Result<PagedList<CronRunDto>>>
{
    private static readonly PageOrder<CronRun, DateTimeOffset> Order = Paging.Descending<CronRun, DateTimeOffset>(r => r.StartedAt, r => r.Id);

    public async ValueTask<Result<PagedList<CronRunDto>>> Handle(ListCronRunsQuery query, CancellationToken cancellationToken)
    {
        var runs = db.CronRuns.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Job))
        {
            runs = runs.Where(r => r.Job == query.Job);
        }

        return await runs.ToPageAsync(
            query,
            Order,
            page => page.Select(r => new CronRunDto(r.Id, r.Job, r.Instance, r.StartedAt, r.FinishedAt, r.Affected, r.Outcome, r.Error)),
            r => (r.StartedAt, r.Id),
            cancellationToken);
    }
}
