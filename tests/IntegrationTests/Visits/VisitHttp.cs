using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>Reading responses in the visit and audit-log tests: the status first, then the body.</summary>
internal static class VisitHttp
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await TestData.Expect(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>(TestData.Json))!;
    }

    public static async Task<ProblemBody> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await TestData.Expect(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json))!;
    }

    public static async Task<Paged<VisitBody>> ListVisitsAsync(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/visits" + query);
        return await response.ReadAsync<Paged<VisitBody>>(HttpStatusCode.OK);
    }

    /// <summary>A query-string value for a time: ISO-8601 UTC, escaped.</summary>
    public static string Query(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
