using CleanVisitors.Api.Security;

namespace CleanVisitors.UnitTests.Api;

public sealed class CronSecretTests
{
    private const string Secret = "a-cron-secret-of-some-length-123";

    [Theory]
    [InlineData("Bearer " + Secret)]
    [InlineData("bearer " + Secret)]
    [InlineData("Bearer  " + Secret + " ")]
    public void Accepts_TheSecretAsABearerValue_ReturnsTrue(string header) =>
        Assert.True(new CronSecret(Secret).Accepts(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData(Secret)]
    [InlineData("Basic " + Secret)]
    [InlineData("Bearer a-cron-secret-of-some-length-12")]
    [InlineData("Bearer a-cron-secret-of-some-length-1234")]
    [InlineData("Bearer A-CRON-SECRET-OF-SOME-LENGTH-123")]
    [InlineData("Bearer b-cron-secret-of-some-length-123")]
    [InlineData("Bearer " + Secret + Secret)]
    public void Accepts_AnythingElse_ReturnsFalse(string? header) =>
        Assert.False(new CronSecret(Secret).Accepts(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Accepts_WhenNoSecretIsConfigured_RefusesEveryValue(string? configured)
    {
        var secret = new CronSecret(configured);

        Assert.False(secret.IsConfigured);
        Assert.False(secret.Accepts("Bearer "));
        Assert.False(secret.Accepts("Bearer " + configured));
        Assert.False(secret.Accepts("Bearer anything"));
    }

    [Fact]
    public void Accepts_ASecretWithNonAsciiCharacters_ComparesItsUtf8Bytes()
    {
        var secret = new CronSecret("geheim-schlüssel-ß-0123456789");

        Assert.True(secret.Accepts("Bearer geheim-schlüssel-ß-0123456789"));
        Assert.False(secret.Accepts("Bearer geheim-schlussel-ss-0123456789"));
    }
}
