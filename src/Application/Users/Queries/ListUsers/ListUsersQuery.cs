using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Users.Queries.ListUsers;

[Authorize(Roles = Roles.Admin)]
public sealed record ListUsersQuery(UserRole? Role, string? Search, int? Page = null, int PageSize = Paging.DefaultPageSize, string? Cursor = null)
    : IQuery<Result<PagedList<UserDto>>>, IPagedQuery
{
    public string CursorScope => $"users|{Role}|{Search}";
}

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.Search).MaximumLength(100);
    }
}

public sealed class ListUsersQueryHandler(IApplicationDbContext db) : IQueryHandler<ListUsersQuery, Result<PagedList<UserDto>>>
{
    private static readonly PageOrder<User, string> Order = Paging.Ascending<User, string>(u => u.FullName, u => u.Id);

    public async ValueTask<Result<PagedList<UserDto>>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (query.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            users = users.Where(u => EF.Functions.Like(u.FullName.ToLower(), pattern, "\\") || EF.Functions.Like(u.Email.ToLower(), pattern, "\\"));
        }

        return await users.ToPageAsync(query, Order, page => page.Select(UserDto.Projection), u => (u.FullName, u.Id), cancellationToken);
    }
}
