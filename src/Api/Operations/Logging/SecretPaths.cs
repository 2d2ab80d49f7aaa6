using System.Text.RegularExpressions;

namespace CleanVisitors.Api.Operations.Logging;

/// <summary>
/// Paths that carry a credential: an approval link's token (<c>/approve/{token}</c>, <c>/api/public/approvals/{token}</c>)
/// lets anyone decide a visit for an hour without logging in. Wherever a path is logged or traced it goes through
/// <see cref="Redact"/>; <see cref="SensitiveDataMasking"/> also scrubs such paths out of any logged text. Metrics label
/// requests by route template (<c>/approve/{token}</c>), never by path.
/// </summary>
public static partial class SecretPaths
{
    public const string Redacted = "***";

    /// <summary>
    /// Every such path in <paramref name="text"/> (a request path, a message, a URL) with its credential segment replaced
    /// by <see cref="Redacted"/>; any other text as it is, without running the expression.
    /// </summary>
    public static string Redact(string text) => MayHoldOne(text) ? InText().Replace(text, "${prefix}" + Redacted) : text;

    /// <summary>Whether <paramref name="text"/> may hold such a path: the cheap test that spares most texts the expression.</summary>
    public static bool MayHoldOne(string text) => text.Contains("/approv", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<prefix>/approve/|/api/public/approvals/)[^/?#\s""']+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex InText();
}
