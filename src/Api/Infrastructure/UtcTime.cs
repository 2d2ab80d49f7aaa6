using System.Globalization;

namespace CleanVisitors.Api.Infrastructure;

/// <summary>
/// How every time leaves the API, in JSON and in CSV alike: ISO-8601 UTC with a <c>Z</c>, to the microsecond
/// (PostgreSQL's precision), so a freshly created resource shows the same instant as every later read.
/// </summary>
internal static class UtcTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
}
