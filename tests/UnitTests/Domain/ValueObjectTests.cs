using CleanVisitors.Domain.Common;

namespace CleanVisitors.UnitTests.Domain;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+14155550123")]
    [InlineData("+442079460958")]
    [InlineData("+6834002")]
    [InlineData("+123456789012345")]
    public void FromE164_WithAnE164Number_KeepsIt(string value) =>
        Assert.Equal(value, PhoneNumber.FromE164(value).Value.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("14155550123")]
    [InlineData("+04155550123")]
    [InlineData("++14155550123")]
    [InlineData("+1 4155550123")]
    [InlineData("+1415555012a")]
    [InlineData("+1234567890123456")]
    [InlineData("+123456")]
    [InlineData("+١٤١٥٥٥٥٠١٢٣")]
    public void FromE164_WithAnythingElse_ReturnsValidationError(string? value)
    {
        var result = PhoneNumber.FromE164(value);

        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        Assert.Equal(["phoneNumber"], result.Error.ValidationErrors!.Keys);
    }

    [Fact]
    public void Mask_HidesAllButTheCountryPrefixAndTheLastThreeDigits()
    {
        var masked = PhoneNumber.Mask("+14155550123");

        Assert.Equal("+14******123", masked);
        Assert.DoesNotContain("5555", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+1234")]
    public void Mask_WithoutEnoughDigits_HidesEverything(string? value) =>
        Assert.Equal("***", PhoneNumber.Mask(value));
}

public class EmailTests
{
    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("  Ada.Lovelace+visits@Example.co.uk ", "Ada.Lovelace+visits@Example.co.uk")]
    public void Create_WithAValidAddress_KeepsItTrimmed(string input, string expected) =>
        Assert.Equal(expected, Email.Create(input).Value.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@example.com<script>")]
    public void Create_WithAnInvalidAddress_ReturnsValidationError(string? input) =>
        AssertInvalid(Email.Create(input));

    [Fact]
    public void Create_UsesTheGivenFieldName() =>
        Assert.Equal(["visitor.email"], Email.Create("nope", "visitor.email").Error!.ValidationErrors!.Keys);

    [Fact]
    public void Create_AtTheLengthLimit_Succeeds_AndOneCharacterMoreFails()
    {
        var longest = AddressOfLength(Limits.EmailMaxLength);

        Assert.True(Email.Create(longest).IsSuccess);
        AssertInvalid(Email.Create(AddressOfLength(Limits.EmailMaxLength + 1)));
    }

    [Fact]
    public void Equality_IgnoresCase()
    {
        var lower = Email.Create("ada@example.com").Value;
        var mixed = Email.Create("Ada@Example.COM").Value;

        Assert.Equal(lower, mixed);
        Assert.True(lower == mixed);
        Assert.Equal(lower.GetHashCode(), mixed.GetHashCode());
        Assert.Equal("ada@example.com", mixed.Normalized);
        Assert.Single(new HashSet<Email> { lower, mixed });
    }

    [Fact]
    public void Equality_DistinguishesDifferentAddresses() =>
        Assert.NotEqual(Email.Create("ada@example.com").Value, Email.Create("bob@example.com").Value);

    [Theory]
    [InlineData("ada@example.com", "a***@example.com")]
    [InlineData(null, "***")]
    [InlineData("", "***")]
    [InlineData("no-at-sign", "***")]
    [InlineData("@example.com", "***")]
    public void Mask_HidesTheLocalPartButItsFirstLetter(string? email, string expected) =>
        Assert.Equal(expected, Email.Mask(email));

    /// <summary>"a@" and a domain of 63-character labels, cut to <paramref name="length"/> characters.</summary>
    private static string AddressOfLength(int length)
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 62), 5))[..(length - 2 - 4)] + ".com";
        var address = "a@" + domain;
        Assert.Equal(length, address.Length);
        return address;
    }

    private static void AssertInvalid(Result<Email> result)
    {
        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        Assert.Equal(["email"], result.Error.ValidationErrors!.Keys);
    }
}

public class BadgeCodeTests
{
    [Fact]
    public void New_IsEightCharactersFromTheAlphabet()
    {
        var code = BadgeCode.New().Value;

        Assert.Equal(BadgeCode.Length, code.Length);
        Assert.Equal(8, code.Length);
        Assert.All(code, c => Assert.Contains(c, BadgeCode.Alphabet));
    }

    [Fact]
    public void New_ThousandCodes_AreDistinctAndUseTheWholeAlphabet()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => BadgeCode.New().Value).ToList();

        // 31^8 ≈ 8.5e11 codes: even one collision in 1000 has a chance below one in a million.
        Assert.True(codes.Distinct().Count() >= 999, "Badge codes repeat far more often than chance allows.");
        Assert.All(codes, code => Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", code));
        Assert.Equal(BadgeCode.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public void Alphabet_HasNoLookAlikes() =>
        Assert.All("01OIL", c => Assert.DoesNotContain(c, BadgeCode.Alphabet));

    [Theory]
    [InlineData("abcd2345", "ABCD2345")]
    [InlineData("ABCD2345", "ABCD2345")]
    [InlineData("  xyz98765 ", "XYZ98765")]
    public void Parse_AcceptsAnyCase_AndUpperCasesIt(string input, string expected) =>
        Assert.Equal(expected, BadgeCode.Parse(input).Value.Value);

    [Theory]
    [InlineData("ABCD2340")]
    [InlineData("ABCD234O")]
    [InlineData("ABCD234o")]
    [InlineData("ABCD2341")]
    [InlineData("ABCD234I")]
    [InlineData("ABCD234L")]
    [InlineData("abcd234l")]
    [InlineData("ABCD234")]
    [InlineData("ABCD23456")]
    [InlineData("ABCD-234")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_WithALookAlikeOrTheWrongLength_ReturnsValidationError(string? input)
    {
        var result = BadgeCode.Parse(input);

        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        Assert.Equal(["badgeCode"], result.Error.ValidationErrors!.Keys);
    }
}
