using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanVisitors.Application.Common.Models;

/// <summary>
/// A keyset position in a list: the page it starts, the ordering key and id of the row before it, and a hash of the
/// filters it was made for. Opaque to clients (base64url of a small JSON object); it holds no personal data, only the
/// row's sort key (a time or a name's position) and id.
/// </summary>
public sealed partial class PageCursor
{
    /// <summary>
    /// The longest cursor this API writes or reads: room for a 200-character sort key (a name) whose every character JSON
    /// escapes as <c>\uXXXX</c>, in base64url (about 1,710 characters at most).
    /// </summary>
    public const int MaxLength = 2048;

    private PageCursor(int page, string key, Guid id)
    {
        Page = page;
        RawKey = key;
        Id = id;
    }

    public int Page { get; }

    public Guid Id { get; }

    private string RawKey { get; }

    /// <summary>The ordering key as the list's key type; false when the cursor holds no such key (a forged cursor).</summary>
    public bool TryGetKey<TKey>([MaybeNullWhen(false)] out TKey key)
    {
        key = default;
        if (typeof(TKey) == typeof(string))
        {
            key = (TKey)(object)RawKey;
            return true;
        }

        if (typeof(TKey) == typeof(DateTimeOffset)
            && long.TryParse(RawKey, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            key = (TKey)(object)new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }

        return false;
    }

    public static string Write<TKey>(int page, TKey key, Guid id, string scope)
    {
        var rawKey = key switch
        {
            DateTimeOffset at => at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            string text => text,
            _ => throw new NotSupportedException($"A page cursor cannot hold a {typeof(TKey).Name} key."),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(page, rawKey, id, Hash(scope)), PayloadContext.Default.Payload);
        return Base64Url.EncodeToString(json);
    }

    public static bool TryRead(string cursor, string scope, [NotNullWhen(true)] out PageCursor? read)
    {
        read = null;
        if (cursor.Length is 0 or > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(cursor), PayloadContext.Default.Payload);
        }
        catch (JsonException)
        {
            return false;
        }

        if (payload is not { P: >= 2, K: not null, S: not null } || payload.S != Hash(scope))
        {
            return false;
        }

        read = new PageCursor(payload.P, payload.K, payload.I);
        return true;
    }

    private static string Hash(string scope) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 12));

    internal sealed record Payload(int P, string? K, Guid I, string? S);

    [JsonSerializable(typeof(Payload))]
    [JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    internal sealed partial class PayloadContext : JsonSerializerContext;
}
