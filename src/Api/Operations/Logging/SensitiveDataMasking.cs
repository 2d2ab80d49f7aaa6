using System.Buffers;
using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace CleanVisitors.Api.Operations.Logging;

/// <summary>
/// The last line of defence for personal data and secrets in logs: every string property of every event is
/// scrubbed before any sink sees it. Properties named like secrets are replaced whole; e-mail addresses and
/// phone numbers are masked; JWTs, bearer tokens, approval-link tokens in paths (<see cref="SecretPaths"/>) and
/// connection-string or URL passwords are removed.
/// The code logs ids, not payloads, so this rarely has work to do.
/// </summary>
public sealed partial class SensitiveDataMasking : ILogEventEnricher
{
    private static readonly string[] SecretNames = ["password", "secret", "token", "authorization", "apikey", "api_key", "accesskey", "cookie"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? replacements = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = IsSecretName(name) ? new ScalarValue("***") : Mask(value);
            if (!ReferenceEquals(masked, value))
            {
                (replacements ??= []).Add(new LogEventProperty(name, masked));
            }
        }

        foreach (var property in replacements ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>Masks one text; public for the tests and for code that must log free text.</summary>
    public static string MaskText(string text)
    {
        if (text.Length < 6 || !MayHoldSomethingToMask(text))
        {
            return text;
        }

        var result = SecretPaths.Redact(text);
        result = Jwt().Replace(result, "[jwt]");
        result = Bearer().Replace(result, "Bearer ***");
        result = KeywordPassword().Replace(result, "${key}=***");
        result = UrlPassword().Replace(result, "${scheme}${user}:***@");
        result = EmailAddress().Replace(result, m => Domain.Common.Email.Mask(m.Value));
        result = Phone().Replace(result, m => Domain.Common.PhoneNumber.Mask(m.Value));
        return result;
    }

    /// <summary>
    /// Every pattern below needs one of these: '@' (e-mail, URL password), '+' (phone), '=' (keyword password), "eyJ" (JWT),
    /// "bearer", "/approv" (an approval link). Most properties of most events (routes, ids, status names) hold none, and skip the six regular expressions.
    /// </summary>
    private static bool MayHoldSomethingToMask(string text) =>
        text.AsSpan().IndexOfAny(MaskTriggers) >= 0
        || text.Contains("eyJ", StringComparison.Ordinal)
        || text.Contains("bearer", StringComparison.OrdinalIgnoreCase)
        || SecretPaths.MayHoldOne(text);

    private static readonly SearchValues<char> MaskTriggers = SearchValues.Create("@+=");

    private static bool IsSecretName(string name) => SecretNames.Any(secret => name.Contains(secret, StringComparison.OrdinalIgnoreCase));

    private static LogEventPropertyValue Mask(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = MaskText(text);
                return ReferenceEquals(masked, text) || masked == text ? value : new ScalarValue(masked);
            case SequenceValue sequence:
                var items = sequence.Elements.Select(Mask).ToList();
                return items.SequenceEqual(sequence.Elements) ? value : new SequenceValue(items);
            case StructureValue structure:
                var properties = structure.Properties
                    .Select(p => IsSecretName(p.Name) ? new LogEventProperty(p.Name, new ScalarValue("***")) : new LogEventProperty(p.Name, Mask(p.Value)))
                    .ToList();
                return properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value)) ? value : new StructureValue(properties, structure.TypeTag);
            default:
                return value;
        }
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?<key>password|pwd)\s*=\s*[^;\s]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeywordPassword();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)(?<user>[^:/@\s]+):[^@/\s]+@", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\+[1-9]\d{7,14}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
