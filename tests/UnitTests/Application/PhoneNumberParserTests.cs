using CleanVisitors.Application.Common;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.UnitTests.Application;

public class PhoneNumberParserTests
{
    private const string Message = "Must be a valid international phone number such as +14155550123.";

    [Theory]
    [InlineData("+14155550123", "+14155550123")] // United States, already E.164
    [InlineData("(+1) 415-555-0123", "+14155550123")]
    [InlineData("+1 (415) 555.0123", "+14155550123")]
    [InlineData("+44 20 7946 0958", "+442079460958")] // United Kingdom
    [InlineData("+44 (0)20 7946 0958", "+442079460958")]
    [InlineData("0049 30 123456", "+4930123456")] // Germany, "00" as the international prefix
    [InlineData("(0049) 30 123456", "+4930123456")]
    [InlineData("+49 (0)30 1234567", "+49301234567")]
    [InlineData("+49 151 23456789", "+4915123456789")]
    [InlineData("+91 98765 43210", "+919876543210")] // India
    [InlineData("+55 11 91234-5678", "+5511912345678")] // Brazil
    [InlineData("+81 3-1234-5678", "+81312345678")] // Japan
    [InlineData("+81 90-1234-5678", "+819012345678")]
    [InlineData("+254 712 345678", "+254712345678")] // Kenya
    [InlineData("+33 1 42 68 53 00", "+33142685300")] // France
    [InlineData("  +61 2 9876 5432  ", "+61298765432")] // Australia, surrounding spaces
    [InlineData("+44\u00A020\u00A07946\u00A00958", "+442079460958")] // non-breaking spaces, as pasted from a web page
    public void Parse_WithAnInternationalNumber_NormalisesItToE164(string input, string expected)
    {
        var result = PhoneNumberParser.Parse(input);

        Assert.True(result.IsSuccess, $"'{input}' was rejected.");
        Assert.Equal(expected, result.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+1 800 FLOWERS")] // letters: the parser would read them as a vanity number
    [InlineData("+1 415 555 O123")]
    [InlineData("phone me")]
    [InlineData("+1 415 555 0123 ext. 12")]
    [InlineData("+1 415 555 0123 #12")]
    [InlineData("<b>+14155550123</b>")]
    [InlineData("+1 415")] // too short
    [InlineData("+49 3")]
    [InlineData("+")]
    [InlineData("415-555-0123")] // no country code
    [InlineData("030 123456")]
    [InlineData("4155550123")]
    [InlineData("+1 123 456 7890")] // invalid for the country: no US area code starts with 1
    [InlineData("+44 20 7946 09581")] // one digit too many for a London number
    [InlineData("+999 123456789")] // no such country code
    [InlineData("+0 415 555 0123")]
    [InlineData("1234567890123456789012345678901234567890")] // 40 digits
    [InlineData("+1234567890123456789012345678901234567890")]
    public void Parse_WithAnInvalidNumber_ReturnsValidationError(string? input) =>
        AssertInvalid(PhoneNumberParser.Parse(input), "phoneNumber");

    [Fact]
    public void Parse_LongerThan32Characters_IsRejectedEvenWhenTheDigitsAreValid()
    {
        var atLimit = "+1 415 555 0123".PadLeft(PhoneNumberParser.MaxInputLength);
        var overLimit = "+1 415 555 0123".PadLeft(PhoneNumberParser.MaxInputLength + 1);

        Assert.Equal(32, PhoneNumberParser.MaxInputLength);
        Assert.Equal("+14155550123", PhoneNumberParser.Parse(atLimit).Value.Value);
        AssertInvalid(PhoneNumberParser.Parse(overLimit), "phoneNumber");
    }

    [Fact]
    public void Parse_ReportsTheErrorUnderTheGivenField() =>
        AssertInvalid(PhoneNumberParser.Parse("not a number", "visitor.phoneNumber"), "visitor.phoneNumber");

    private static void AssertInvalid(Result<PhoneNumber> result, string field)
    {
        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        var (key, messages) = Assert.Single(result.Error.ValidationErrors!);
        Assert.Equal(field, key);
        Assert.Equal([Message], messages);
    }
}
