using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Queries.ListVisitors;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record ListVisitorsQuery(string? Search, int? Page = null, int PageSize = Paging.DefaultPageSize, string? Cursor = null)
    : IQuery<Result<PagedList<VisitorDto>>>, IPagedQuery
{
    public string CursorScope => $"visitors|{Search}";
}

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
    private static readonly PageOrder<Visitor, DateTimeOffset> Order = Paging.Descending<Visitor, DateTimeOffset>(v => v.CreatedAt, v => v.Id);

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

        return await visitors.ToPageAsync(query, Order, page => page.Select(VisitorDto.Projection), v => (v.CreatedAt, v.Id), cancellationToken);
    }
}
