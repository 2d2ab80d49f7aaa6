using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Queries.ListVisitors;

public sealed record ListVisitorsQuery(string? Search, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Result<PagedList<VisitorDto>>>, IPagedQuery;

public sealed class ListVisitorsQueryValidator : AbstractValidator<ListVisitorsQuery>
{
    public ListVisitorsQueryValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(100);
    }
}

public sealed class ListVisitorsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListVisitorsQuery, Result<PagedList<VisitorDto>>>
{
    public async ValueTask<Result<PagedList<VisitorDto>>> Handle(ListVisitorsQuery query, CancellationToken cancellationToken)
    {
        var visitors = db.Visitors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            visitors = visitors.Where(v => EF.Functions.Like(v.FullName!.ToLower(), pattern, "\\")
                || EF.Functions.Like(v.PhoneNumber!.ToLower(), pattern, "\\")
                || EF.Functions.Like(v.Company!.ToLower(), pattern, "\\"));
        }

        return await visitors.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Select(VisitorDto.Projection).ToPagedListAsync(query, cancellationToken);
    }
}
