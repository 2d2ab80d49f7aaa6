using System.Net.Mail;

namespace CleanVisitors.Domain.Common;

/// <summary>An e-mail address. Its identity is case-insensitive: <see cref="Equals(Email?)"/> ignores case.</summary>
public sealed record Email
{
    private Email(string value) => Value = value;

    public string Value { get; }

    /// <summary>The form used for identity and look-ups.</summary>
    public string Normalized => Value.ToLowerInvariant();

    public static Result<Email> Create(string? value, string field = "email")
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Limits.EmailMaxLength || trimmed.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return Error.Validation(field, "Must be a valid e-mail address.");
        }

        return new Email(trimmed);
    }

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
