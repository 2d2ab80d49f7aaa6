namespace CleanVisitors.Application.Common.Models;

/// <summary>Builds LIKE patterns from user input with <c>%</c>, <c>_</c> and the escape character escaped.</summary>
public static class SearchPattern
{
    public static string Contains(string search) =>
        "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
