namespace CleanVisitors.Application.Common.Models;

/// <summary>Implemented by every paged query so one validator rule and one helper serve them all.</summary>
public interface IPagedQuery
{
    /// <summary>The page number the client asked for; null when it sent none (page 1, or the cursor's page).</summary>
    int? Page { get; }

    int PageSize { get; }

    /// <summary>The opaque keyset cursor of a previous response's <c>nextCursor</c>, instead of <see cref="Page"/>.</summary>
    string? Cursor { get; }

    /// <summary>The filters of the query, but not its paging: a cursor is only valid for the filters it was made for.</summary>
    string CursorScope { get; }
}
