using System.ComponentModel.DataAnnotations;

namespace CleanVisitors.Application.Common.Models;

/// <summary>
/// A page of a list, as every list endpoint answers. <c>totalCount</c> is exact up to 10,000; past it, it is 10,000 and
/// <c>totalCountIsCapped</c> is true. <c>nextCursor</c> positions the next page (null on the last one).
/// </summary>
public sealed record PagedList<T>(
    IReadOnlyList<T> Items,
    [property: Range(1, int.MaxValue)] int Page, // a cursor's pages keep counting past the cap
    [property: Range(1, Paging.MaxPageSize)] int PageSize,
    [property: Range(0, Paging.CountCap)] int TotalCount,
    bool TotalCountIsCapped,
    [property: MaxLength(PageCursor.MaxLength)] string? NextCursor)
{
    [Range(0, Paging.CountCap)]
    public int TotalPages => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}
