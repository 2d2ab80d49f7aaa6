using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Jobs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Jobs.Queries.ListCronRuns;

/// <summary>Runs of the scheduled jobs, newest first, optionally of one job.</summary>
public sealed record ListCronRunsQuery(string? Job, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Result<PagedList<CronRunDto>>>, IPagedQuery;

public sealed record CronRunDto(Guid Id, string Job, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Affected, CronRunOutcome Outcome, string? Error);

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
    public async ValueTask<Result<PagedList<CronRunDto>>> Handle(ListCronRunsQuery query, CancellationToken cancellationToken)
    {
        var runs = db.CronRuns.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Job))
        {
            runs = runs.Where(r => r.Job == query.Job);
        }

        return await runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Select(r => new CronRunDto(r.Id, r.Job, r.StartedAt, r.FinishedAt, r.Affected, r.Outcome, r.Error))
            .ToPagedListAsync(query, cancellationToken);
    }
}
