using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Users.Queries.ListHosts;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record ListHostsQuery(string? Search, int? Page = null, int PageSize = Paging.DefaultPageSize, string? Cursor = null)
    : IQuery<Result<PagedList<HostDto>>>, IPagedQuery
{
    public string CursorScope => $"hosts|{Search}";
}

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
    private static readonly PageOrder<User, string> Order = Paging.Ascending<User, string>(u => u.FullName, u => u.Id);

    public async ValueTask<Result<PagedList<HostDto>>> Handle(ListHostsQuery query, CancellationToken cancellationToken)
    {
        var hosts = db.Users.AsNoTracking().Where(u => u.Role == UserRole.Host && u.IsActive);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            hosts = hosts.Where(u => EF.Functions.Like(u.FullName.ToLower(), pattern, "\\"));
        }

        return await hosts.ToPageAsync(query, Order, page => page.Select(u => new HostDto(u.Id, u.FullName)), h => (h.FullName, h.Id), cancellationToken);
    }
}
