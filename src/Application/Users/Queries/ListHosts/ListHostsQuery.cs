using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Users.Queries.ListHosts;

public sealed record ListHostsQuery(string? Search, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Result<PagedList<HostDto>>>, IPagedQuery;

public sealed record HostDto(Guid Id, string FullName);

public sealed class ListHostsQueryValidator : AbstractValidator<ListHostsQuery>
{
    public ListHostsQueryValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(100);
    }
}

public sealed class ListHostsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListHostsQuery, Result<PagedList<HostDto>>>
{
    public async ValueTask<Result<PagedList<HostDto>>> Handle(ListHostsQuery query, CancellationToken cancellationToken)
    {
        var hosts = db.Users.AsNoTracking().Where(u => u.Role == UserRole.Host && u.IsActive);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            hosts = hosts.Where(u => EF.Functions.Like(u.FullName.ToLower(), pattern, "\\"));
        }

        return await hosts.OrderBy(u => u.FullName).ThenBy(u => u.Id).Select(u => new HostDto(u.Id, u.FullName)).ToPagedListAsync(query, cancellationToken);
    }
}
