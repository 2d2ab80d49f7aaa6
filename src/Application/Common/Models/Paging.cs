using System.Linq.Expressions;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Common.Models;

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Counting stops here, so that a page costs the same at any table size (API.md, Conventions).</summary>
    public const int CountCap = 10_000;

    private const string InvalidCursor = "Must be a nextCursor of this list, with the same filters.";

    public static PageOrder<TEntity, TKey> Descending<TEntity, TKey>(Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, Guid>> id) => new(key, id, true);

    public static PageOrder<TEntity, TKey> Ascending<TEntity, TKey>(Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, Guid>> id) => new(key, id, false);

    /// <summary>
    /// One page of <paramref name="filtered"/> (the base table with the list's filters, not yet ordered), by page number or by
    /// keyset cursor. It reads <c>pageSize + 1</c> rows to know whether another page follows, projects them with
    /// <paramref name="project"/>, and counts the matches of the base table only, stopping at <see cref="CountCap"/> (and not
    /// at all when the page itself shows how many there are).
    /// </summary>
    public static async Task<Result<PagedList<TDto>>> ToPageAsync<TEntity, TKey, TDto>(
        this IQueryable<TEntity> filtered,
        IPagedQuery paging,
        PageOrder<TEntity, TKey> order,
        Func<IQueryable<TEntity>, IQueryable<TDto>> project,
        Func<TDto, (TKey Key, Guid Id)> positionOf,
        CancellationToken cancellationToken)
    {
        PageCursor? cursor = null;
        TKey? after = default;
        if (paging.Cursor is not null && !(PageCursor.TryRead(paging.Cursor, paging.CursorScope, out cursor) && cursor.TryGetKey(out after)))
        {
            return Error.Validation("cursor", InvalidCursor);
        }

        var page = cursor?.Page ?? paging.Page ?? 1;
        var offset = (page - 1) * paging.PageSize;

        var window = cursor is null
            ? Ordered(filtered, order).Skip(offset)
            : Ordered(filtered.Where(After(order, after!, cursor.Id)), order);
        var rows = await project(window.Take(paging.PageSize + 1)).ToListAsync(cancellationToken);

        var hasMore = rows.Count > paging.PageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        // An offset page that is neither empty nor full tells the count itself; otherwise count, capped.
        var total = cursor is null && !hasMore && (rows.Count > 0 || offset == 0)
            ? offset + rows.Count
            : await filtered.Take(CountCap + 1).CountAsync(cancellationToken);
        var capped = total > CountCap;
        total = Math.Min(total, CountCap);

        string? next = null;
        if (hasMore)
        {
            var (key, id) = positionOf(rows[^1]);
            next = PageCursor.Write(page + 1, key, id, paging.CursorScope);
        }

        return new PagedList<TDto>(rows, page, paging.PageSize, total, capped, next);
    }

    public static void AddPagingRules<T>(this AbstractValidator<T> validator)
        where T : IPagedQuery
    {
        validator.RuleFor(x => x.Page).GreaterThanOrEqualTo(1).LessThanOrEqualTo(CountCap).WithName("page")
            .WithMessage($"Pages past the first {CountCap:N0} matches are reached with 'cursor' (each response's nextCursor).");
        validator.RuleFor(x => x.Page)
            .Must((query, page) => (page!.Value - 1) * (long)query.PageSize < CountCap)
            .When(x => x.Page is >= 1 and <= CountCap && x.PageSize is >= 1 and <= MaxPageSize)
            .WithName("page")
            .WithMessage($"Pages past the first {CountCap:N0} matches are reached with 'cursor' (each response's nextCursor).");
        validator.RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize).WithName("pageSize");
        // Whether the cursor is one of this list's is checked once, where it is read (ToPageAsync).
        validator.RuleFor(x => x.Cursor).MaximumLength(PageCursor.MaxLength).WithName("cursor").WithMessage(InvalidCursor);
        validator.RuleFor(x => x.Cursor)
            .Null()
            .When(x => x.Page is not null)
            .WithName("cursor")
            .WithMessage("Send either page or cursor, not both.");
    }

    private static IOrderedQueryable<TEntity> Ordered<TEntity, TKey>(IQueryable<TEntity> query, PageOrder<TEntity, TKey> order) =>
        order.Descending
            ? query.OrderByDescending(order.Key).ThenByDescending(order.Id)
            : query.OrderBy(order.Key).ThenBy(order.Id);

    /// <summary>
    /// The rows after the position (key, id) in the list's order, written so that PostgreSQL can start the index scan at the
    /// position: <c>key &lt;= k AND (key &lt; k OR id &lt; i)</c> (mirrored for ascending lists).
    /// </summary>
    private static Expression<Func<TEntity, bool>> After<TEntity, TKey>(PageOrder<TEntity, TKey> order, TKey key, Guid id)
    {
        var row = order.Key.Parameters[0];
        var rowKey = order.Key.Body;
        var rowId = new ReplaceParameter(order.Id.Parameters[0], row).Visit(order.Id.Body);
        var keyValue = Captured(key);
        var idValue = Captured(id);
        var bounded = order.Descending ? Compare(rowKey, keyValue, ExpressionType.LessThanOrEqual) : Compare(rowKey, keyValue, ExpressionType.GreaterThanOrEqual);
        var past = order.Descending ? Compare(rowKey, keyValue, ExpressionType.LessThan) : Compare(rowKey, keyValue, ExpressionType.GreaterThan);
        var tie = order.Descending ? Expression.LessThan(rowId, idValue) : Expression.GreaterThan(rowId, idValue);
        return Expression.Lambda<Func<TEntity, bool>>(Expression.AndAlso(bounded, Expression.OrElse(past, tie)), row);
    }

    private static BinaryExpression Compare(Expression left, Expression right, ExpressionType comparison)
    {
        if (left.Type != typeof(string))
        {
            return Expression.MakeBinary(comparison, left, right);
        }

        // Strings have no comparison operators: string.Compare(a, b) < 0 is what EF Core translates to a < b.
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, left, right);
        return Expression.MakeBinary(comparison, compare, Expression.Constant(0));
    }

    /// <summary>A value read through a closure-like member, so EF Core sends it as a parameter and caches one plan.</summary>
    private static MemberExpression Captured<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    private sealed class Box<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
