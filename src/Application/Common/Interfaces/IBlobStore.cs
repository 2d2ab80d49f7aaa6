using System.Buffers;

namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// The blob storage port (visitor photos): local disk, or Vercel Blob when <c>BLOB_READ_WRITE_TOKEN</c> is set.
/// Keys are made by the server (<see cref="BlobKey"/>), never taken from a client.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> and returns the key to keep for it.</summary>
    Task<string> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The stored bytes and their content type, or null when nothing is stored under the key. The caller disposes the stream.</summary>
    Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob; deleting one that is not there is no error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

public sealed record BlobContent(Stream Content, string ContentType);

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
