using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>
/// 400s for malformed JSON speak to the client (issue 8, finding 4): the field and what was expected, never
/// System.Text.Json's own text (line numbers, byte positions, .NET type names).
/// </summary>
[Collection(ApiContractCollection.Name)]
public sealed class JsonProblemMessageTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("""{"fullName": 12, "email": "a@example.com", "role": "Host", "password": "a-good-password"}""", "fullName", "Expected a string.")]
    [InlineData("""{"fullName": "Ann", "email": "a@example.com", "role": "Janitor", "password": "a-good-password"}""", "role", "Expected one of Admin, Receptionist, Host.")]
    [InlineData("""{"fullName": "Ann", "email": "a@example.com", "role": "Host", "password": "a-good-password", "isAdmin": true}""", "isAdmin", "Unknown property.")]
    [InlineData("""{"fullName": "Ann", "email": "a@example.com" """, "body", "The JSON ends too early: an object, array or string is not closed.")]
    [InlineData("""{"fullName": Ann}""", "fullName", "Not valid JSON here.")]
    public async Task MalformedJson_Is400WithAMessageForTheClient(string json, string field, string message)
    {
        var response = await Data.Admin.PostAsync("/api/users", TestData.RawJson(json));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.Errors![field]);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePosition", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CleanVisitors.", text, StringComparison.Ordinal);
    }
}
