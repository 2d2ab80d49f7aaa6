using System.Text.Json;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>The cron endpoints in the OpenAPI document, with the statuses they answer.</summary>
public sealed class CronOpenApiTests(CronApiFactory factory) : CronTest(factory)
{
    [Theory]
    [InlineData("post", "/api/cron/{job}", new[] { "200", "401", "404", "409", "429" })]
    [InlineData("get", "/api/cron/{job}", new[] { "200", "401", "404", "409", "429" })]
    [InlineData("get", "/api/cron/runs", new[] { "200", "400", "401", "403" })]
    public async Task Document_ListsTheCronOperationWithItsStatuses(string method, string path, string[] statuses)
    {
        using var document = JsonDocument.Parse(await Data.Anonymous.GetStringAsync("/openapi/v1.json"));

        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.All(statuses, status => Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not document {status}"));
    }
}
