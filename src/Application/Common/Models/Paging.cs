using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Common.Models;

/// <summary>A page of a list, as every list endpoint answers.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}

/// <summary>Implemented by every paged query so one validator rule and one helper serve them all.</summary>
public interface IPagedQuery
{
    int Page { get; }

    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, IPagedQuery paging, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = total == 0 || (paging.Page - 1) * (long)paging.PageSize >= total
            ? []
            : await query.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, paging.Page, paging.PageSize, total);
    }

    public static void AddPagingRules<T>(this AbstractValidator<T> validator)
        where T : IPagedQuery
    {
        validator.RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithName("page");
        validator.RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize).WithName("pageSize");
    }
}
