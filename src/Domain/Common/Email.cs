using System.Net.Mail;

namespace CleanVisitors.Domain.Common;

/// <summary>An e-mail address. Its identity is case-insensitive: <see cref="Equals(Email?)"/> ignores case.</summary>
public sealed record Email
{
    private Email(string value) => Value = value;

    public string Value { get; }

    /// <summary>The form used for identity and look-ups.</summary>
    public string Normalized => Value.ToLowerInvariant();

    /// <summary>
    /// A valid address, in Unicode NFKC form (contract, Auth): a fullwidth or otherwise compatible spelling of an address
    /// is that address, so it cannot pose as a second user. Invisible and format characters (category Cf, such as a
    /// zero-width space) are refused: they would make two addresses look identical.
    /// </summary>
    public static Result<Email> Create(string? value, string field = "email")
    {
        var trimmed = value?.Trim();
        if (!string.IsNullOrEmpty(trimmed) && trimmed.EnumerateRunes().Any(r => System.Text.Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.Format))
        {
            return Error.Validation(field, FormatCharacters);
        }

        var normalized = trimmed is null ? null : Normalize(trimmed);
        if (string.IsNullOrEmpty(normalized) || normalized.Length > Limits.EmailMaxLength || normalized.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(normalized, out var parsed) || parsed.Address != normalized || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return Error.Validation(field, "Must be a valid e-mail address.");
        }

        return new Email(normalized);
    }

    public const string FormatCharacters = "Must not contain invisible or format characters.";

    /// <summary>The form an address is compared in: trimmed, NFKC, lower case (a log-in looks users up with it).</summary>
    public static string ForComparison(string value) => Normalize(value.Trim()).ToLowerInvariant();

    private static string Normalize(string value) =>
        value.IsNormalized(System.Text.NormalizationForm.FormKC) ? value : value.Normalize(System.Text.NormalizationForm.FormKC);

    public bool Equals(Email? other) => other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The address with the local part hidden but its first letter, for logs.</summary>
    public static string Mask(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "***";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    public override string ToString() => Value;
}
