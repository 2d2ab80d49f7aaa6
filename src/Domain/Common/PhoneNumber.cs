namespace CleanVisitors.Domain.Common;

/// <summary>
/// A phone number in E.164 form (<c>+14155550123</c>). Parsing what people type (spaces, brackets, national
/// prefixes) needs the numbering plan and lives in the application layer; this type guarantees the stored shape.
/// </summary>
public sealed record PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    public static Result<PhoneNumber> FromE164(string? value)
    {
        if (value is null || value.Length is < 8 or > Limits.PhoneMaxLength || value[0] != '+' || value[1] == '0')
        {
            return Error.Validation("phoneNumber", "Must be an E.164 phone number such as +14155550123.");
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return Error.Validation("phoneNumber", "Must be an E.164 phone number such as +14155550123.");
            }
        }

        return new PhoneNumber(value);
    }

    /// <summary>The number with all but the last three digits hidden, for logs and notification records.</summary>
    public static string Mask(string? e164) =>
        string.IsNullOrEmpty(e164) || e164.Length < 6 ? "***" : string.Concat(e164.AsSpan(0, 3), new string('*', e164.Length - 6), e164.AsSpan(e164.Length - 3));

    public override string ToString() => Value;
}
