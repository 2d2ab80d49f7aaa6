using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CleanVisitors.Api.Http;

/// <summary>
/// How every time leaves the API, in JSON and in CSV alike: ISO-8601 UTC with a <c>Z</c>, to the microsecond
/// (PostgreSQL's precision), trailing zeros of the fraction left out (<see cref="Pattern"/>), so a freshly created
/// resource shows the same instant as every later read. Written from the runtime's round-trip format ("O"), whose
/// formatting is a fast path, rather than from the custom pattern, which is parsed on every call: a list of 300 visits
/// has 2,400 times, and the pattern made them 11 % of the on-site list's CPU (bench/README.md).
/// </summary>
internal static class UtcTime
{
    /// <summary>
    /// What the text is, as a custom format pattern: the reference the unit tests hold every form to (on 10,000 random
    /// instants across the whole range, so the round-trip form's fixed length is tested too).
    /// </summary>
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    /// <summary>"O" of a UTC <see cref="DateTime"/>: <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, always this long (years 1–9999).</summary>
    private const int RoundTripLength = 28;

    /// <summary>Where the fraction's digits start in the round-trip form (the dot is just before).</summary>
    private const int FractionStart = 20;

    public static string Format(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[RoundTripLength];
        return new string(buffer[..Write(value, buffer)]);
    }

    /// <summary>The same text, appended without a string of its own.</summary>
    public static StringBuilder Append(StringBuilder text, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[RoundTripLength];
        return text.Append(buffer[..Write(value, buffer)]);
    }

    /// <summary>The same text as a JSON string, written as UTF-8 without a string of its own.</summary>
    public static void Write(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[RoundTripLength];
        value.UtcDateTime.TryFormat(buffer, out _, "O", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..Trim(buffer, (byte)'0', (byte)'Z')]);
    }

    private static int Write(DateTimeOffset value, Span<char> buffer)
    {
        value.UtcDateTime.TryFormat(buffer, out _, "O", CultureInfo.InvariantCulture);
        return Trim(buffer, '0', 'Z');
    }

    /// <summary>
    /// Cuts the round-trip form to <see cref="Pattern"/>: six digits of fraction (microseconds), without trailing zeros,
    /// and without the dot when none is left; then the <c>Z</c>. Answers the length.
    /// </summary>
    private static int Trim<T>(Span<T> buffer, T zero, T zulu)
        where T : IEquatable<T>
    {
        var end = FractionStart + 6;
        while (end > FractionStart && buffer[end - 1].Equals(zero))
        {
            end--;
        }

        if (end == FractionStart)
        {
            end--;
        }

        buffer[end] = zulu;
        return end + 1;
    }
}
