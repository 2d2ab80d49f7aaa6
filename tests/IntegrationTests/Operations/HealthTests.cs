using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Operations;

public sealed class HealthTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    public async Task Health_WithoutToken_Returns200Healthy(string path)
    {
        var response = await Data.Anonymous.GetAsync(path);

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_WithDatabaseUpAndMigrated_Returns200Healthy()
    {
        var response = await Data.Anonymous.GetAsync("/health/ready");

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
