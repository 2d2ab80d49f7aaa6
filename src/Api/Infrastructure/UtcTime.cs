using System.Globalization;
using System.Text;

namespace CleanVisitors.Api.Infrastructure;

/// <summary>
/// How every time leaves the API, in JSON and in CSV alike: ISO-8601 UTC with a <c>Z</c>, to the microsecond
/// (PostgreSQL's precision), so a freshly created resource shows the same instant as every later read.
/// </summary>
internal static class UtcTime
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The same text, appended without a string of its own.</summary>
    public static StringBuilder Append(StringBuilder text, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[Pattern.Length];
        return value.UtcDateTime.TryFormat(buffer, out var written, Pattern, CultureInfo.InvariantCulture)
            ? text.Append(buffer[..written])
            : text.Append(Format(value));
    }
}
