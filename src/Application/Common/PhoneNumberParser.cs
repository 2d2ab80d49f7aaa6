using CleanVisitors.Domain.Common;
using PhoneNumbers;
using PhoneNumber = CleanVisitors.Domain.Common.PhoneNumber;

namespace CleanVisitors.Application.Common;

/// <summary>
/// Reads a phone number as people type it ("+44 20 7946 0958", "(+1) 415-555-0123", "0049 30 123456") and
/// normalises it to E.164. The number must carry its country code ("+" or "00"); no region is guessed.
/// </summary>
public static class PhoneNumberParser
{
    /// <summary>Longer input is rejected before it reaches the parser.</summary>
    public const int MaxInputLength = 32;

    private const string InvalidMessage = "Must be a valid international phone number such as +14155550123.";

    /// <summary>Separators people type between digits; anything else (letters, extensions, markup) is rejected.</summary>
    private const string AllowedPunctuation = "+()-./";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static Result<PhoneNumber> Parse(string? input, string field = "phoneNumber")
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength || !HasOnlyPhoneCharacters(input))
        {
            return Invalid(field);
        }

        var international = ToInternationalPrefix(input);
        if (!international.StartsWith('+'))
        {
            return Invalid(field);
        }

        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(international, null);
        }
        catch (NumberParseException)
        {
            return Invalid(field);
        }

        if (!Util.IsValidNumber(parsed))
        {
            return Invalid(field);
        }

        var e164 = PhoneNumber.FromE164(Util.Format(parsed, PhoneNumberFormat.E164));
        return e164.IsSuccess ? e164 : Invalid(field);
    }

    /// <summary>
    /// Digits, white space and separators only. The parser itself would also read letters (vanity numbers such as
    /// "+1 800 FLOWERS" become digits) and extensions ("ext. 12"), neither of which belongs in an E.164 number.
    /// </summary>
    private static bool HasOnlyPhoneCharacters(string input) =>
        input.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || AllowedPunctuation.Contains(c, StringComparison.Ordinal));

    /// <summary>
    /// Drops leading white space and brackets, and rewrites the international call prefix "00" as "+"
    /// ("0049 30 123456" and "(0049) 30 123456" become "+49 30 123456" and "+49) 30 123456"; the parser skips the bracket).
    /// </summary>
    private static string ToInternationalPrefix(string input)
    {
        var start = 0;
        while (start < input.Length && (char.IsWhiteSpace(input[start]) || input[start] == '('))
        {
            start++;
        }

        var number = input[start..];
        return number.StartsWith("00", StringComparison.Ordinal) ? string.Concat("+", number.AsSpan(2)) : number;
    }

    private static Error Invalid(string field) => Error.Validation(field, InvalidMessage);
}
