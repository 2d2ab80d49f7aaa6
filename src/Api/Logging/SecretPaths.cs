using System.Text.RegularExpressions;

namespace CleanVisitors.Api.Logging;

/// <summary>
/// Paths that carry a credential: an approval link's token (<c>/approve/{token}</c>, <c>/api/public/approvals/{token}</c>)
/// lets anyone decide a visit for an hour without logging in. Wherever a path is logged or traced it goes through
/// <see cref="Redact"/>; <see cref="SensitiveDataMasking"/> also scrubs such paths out of any logged text. Metrics label
/// requests by route template (<c>/approve/{token}</c>), never by path.
/// </summary>
public static partial class SecretPaths
{
    public const string Redacted = "***";

    private static readonly string[] Prefixes = ["/approve/", "/api/public/approvals/"];

    /// <summary>The path with the credential segment replaced by <see cref="Redacted"/>; any other path as it is.</summary>
    public static string Redact(string path)
    {
        foreach (var prefix in Prefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length)
            {
                var rest = path.AsSpan(prefix.Length);
                var end = rest.IndexOfAny('/', '?', '#');
                return string.Concat(path.AsSpan(0, prefix.Length), Redacted, end < 0 ? [] : rest[end..]);
            }
        }

        return path;
    }

    /// <summary>Whether <paramref name="text"/> may hold such a path anywhere (a cheap test before <see cref="RedactIn"/>).</summary>
    public static bool MayHoldOne(string text) => text.Contains("/approv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every such path inside free text (a message, a URL), redacted.</summary>
    public static string RedactIn(string text) => InText().Replace(text, "${prefix}" + Redacted);

    [GeneratedRegex(@"(?<prefix>/approve/|/api/public/approvals/)[^/?#\s""']+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex InText();
}
