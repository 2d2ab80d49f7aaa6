
using CleanVisitors.Api.Operations.Logging;

namespace CleanVisitors.UnitTests.Api;

public sealed class SensitiveDataMaskingTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMTkzIiwicm9sZSI6IkFkbWluIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    [Fact]
    public void MaskText_RemovesAJwt()
    {
        var masked = SensitiveDataMasking.MaskText($"token {Jwt} refused");

        Assert.Equal("token [jwt] refused", masked);
    }

    [Fact]
    public void MaskText_RemovesABearerToken()
    {
        var masked = SensitiveDataMasking.MaskText("Authorization: Bearer opaque-token-0123456789");

        Assert.Equal("Authorization: Bearer ***", masked);
    }

    [Fact]
    public void MaskText_RemovesABearerJwt()
    {
        var masked = SensitiveDataMasking.MaskText($"Authorization: Bearer {Jwt}");

        Assert.DoesNotContain("eyJ", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("c2lnbmF0dXJl", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Username=app;Password=hunter2-secret;Database=visits", "Host=db;Username=app;Password=***;Database=visits")]
    [InlineData("Host=db;pwd = hunter2-secret", "Host=db;pwd=***")]
    [InlineData("password=hunter2-secret", "password=***")]
    public void MaskText_RemovesAKeywordPassword(string text, string expected)
    {
        Assert.Equal(expected, SensitiveDataMasking.MaskText(text));
    }

    [Fact]
    public void MaskText_RemovesTheUrlPassword()
    {
        var masked = SensitiveDataMasking.MaskText("connecting to postgresql://app:hunter2-secret@db.internal:5432/visits");

        Assert.Equal("connecting to postgresql://app:***@db.internal:5432/visits", masked);
    }

    [Fact]
    public void MaskText_MasksAnEmailAddress()
    {
        var masked = SensitiveDataMasking.MaskText("login failed for jane.doe@example.com");

        Assert.Equal("login failed for j***@example.com", masked);
    }

    [Fact]
    public void MaskText_MasksAPhoneNumber()
    {
        var masked = SensitiveDataMasking.MaskText("sent to +14155550123 ok");

        Assert.Equal("sent to +14******123 ok", masked);
    }

    [Fact]
    public void MaskText_LeavesOrdinaryTextAlone()
    {
        const string text = "GET /api/visits responded 200 in 12.5 ms";

        Assert.Equal(text, SensitiveDataMasking.MaskText(text));
    }
}
