using CleanVisitors.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace CleanVisitors.UnitTests.Api;

public sealed class BlobConfigurationTests
{
    [Theory]
    [InlineData("BLOB_API_URL", "not a url")]
    [InlineData("BLOB_API_URL", "ftp://blob.example.test")]
    [InlineData("BLOB_ACCESS", "world-readable")]
    public void Validate_WhenABlobSettingIsUnusable_ReportsAnErrorNamingIt(string key, string value)
    {
        var report = ServiceSettings.Check(Configuration((key, value)), "Development");

        Assert.Contains(report.Errors, e => e.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BLOB_API_URL", "https://blob.vercel-storage.com")]
    [InlineData("BLOB_API_URL", "")]
    [InlineData("BLOB_ACCESS", "public")]
    [InlineData("BLOB_ACCESS", "private")]
    public void Validate_WhenABlobSettingIsUsableOrUnset_ReportsNoErrorForIt(string key, string value)
    {
        var report = ServiceSettings.Check(Configuration((key, value)), "Development");

        Assert.DoesNotContain(report.Errors, e => e.StartsWith(key, StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
