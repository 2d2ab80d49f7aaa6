using System.Buffers;

namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// The one shape a blob key may have, whatever the store: lower-case segments of letters, digits, <c>. _ -</c>, each
/// starting with a letter or digit (so no <c>.</c>, <c>..</c> or hidden names), joined by <c>/</c>; at most
/// <see cref="MaxLength"/> characters (the <c>photo_key</c> column).
/// </summary>
public static class BlobKey
{
    public const int MaxLength = 128;

    private static readonly SearchValues<char> SegmentCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789._-");

    public static bool IsSafe(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            var startsWell = segment.Length > 0 && (char.IsAsciiLetterLower(segment[0]) || char.IsAsciiDigit(segment[0]));
            if (!startsWell || segment.AsSpan().ContainsAnyExcept(SegmentCharacters))
            {
                return false;
            }
        }

        return true;
    }
}
