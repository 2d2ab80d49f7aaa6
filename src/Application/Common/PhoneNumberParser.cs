using CleanVisitors.Domain.Common;
using PhoneNumberFormat = PhoneNumbers.PhoneNumberFormat;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;
using NumberParseException = PhoneNumbers.NumberParseException;

namespace CleanVisitors.Application.Common;

/// <summary>Parses phone numbers as people type them into E.164 (placeholder until the full parser lands).</summary>
public static class PhoneNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static Result<PhoneNumber> Parse(string? input, string field = "phoneNumber")
    {
        var invalid = Error.Validation(field, "Must be a valid international phone number such as +14155550123.");
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return invalid;
        }

        var text = input.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        try
        {
            var number = Util.Parse(text, null);
            return Util.IsValidNumber(number) ? PhoneNumber.FromE164(Util.Format(number, PhoneNumberFormat.E164)) : invalid;
        }
        catch (NumberParseException)
        {
            return invalid;
        }
    }
}
