using System.Net;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Security;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>The OpenAPI document lists every endpoint of the contract with its error responses and the bearer scheme.</summary>
[Collection(ApiContractCollection.Name)]
public sealed class OpenApiTests(ApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string, string> Endpoints() => ContractEndpoints.Data();

    public static TheoryData<string, string> ProtectedEndpoints() => ContractEndpoints.Data(e => !e.IsAnonymous);

    public static TheoryData<string, string> EndpointsOnAnId() => ContractEndpoints.Data(e => e.Path.Contains('{', StringComparison.Ordinal));

    [Fact]
    public async Task Document_WithoutToken_Returns200Json()
    {
        var response = await Data.Anonymous.GetAsync("/openapi/v1.json");

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Document_ListsTheOperation(string method, string path)
    {
        using var document = await DocumentAsync();

        Assert.True(TryGetOperation(document.RootElement, method, path, out _), $"{method} {path} is not in the OpenAPI document");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Document_OperationDocuments400WithProblemSchema(string method, string path)
    {
        using var document = await DocumentAsync();

        AssertProblemResponse(document.RootElement, method, path, "400");
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Document_ProtectedOperationDocuments401And403AsTheRolesRequire(string method, string path)
    {
        var endpoint = ContractEndpoints.Find(method, path);
        using var document = await DocumentAsync();

        AssertProblemResponse(document.RootElement, method, path, "401");
        if (endpoint.Roles.Count < ContractEndpoints.AllRoles.Count)
        {
            AssertProblemResponse(document.RootElement, method, path, "403");
        }

        Assert.True(TryGetOperation(document.RootElement, method, path, out var operation));
        var security = operation.GetProperty("security");
        Assert.Contains(security.EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));
    }

    [Theory]
    [MemberData(nameof(EndpointsOnAnId))]
    public async Task Document_OperationOnAPathWithAnIdDocuments404(string method, string path)
    {
        using var document = await DocumentAsync();

        AssertProblemResponse(document.RootElement, method, path, "404");
    }

    [Fact]
    public async Task Document_LoginDocuments401ForWrongCredentials()
    {
        using var document = await DocumentAsync();

        AssertProblemResponse(document.RootElement, "POST", "/api/auth/login", "401");
    }

    [Fact]
    public async Task Document_EveryErrorResponseHasASchema()
    {
        using var document = await DocumentAsync();

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                {
                    Assert.True(HasSchema(response.Value), $"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name} has no schema");
                }
            }
        }
    }

    [Fact]
    public async Task Document_HasTheBearerSecurityScheme()
    {
        using var document = await DocumentAsync();

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    private async Task<JsonDocument> DocumentAsync() => JsonDocument.Parse(await Data.Anonymous.GetStringAsync("/openapi/v1.json"));

    private static bool TryGetOperation(JsonElement document, string method, string path, out JsonElement operation)
    {
        operation = default;
        return document.GetProperty("paths").TryGetProperty(path, out var item)
            && item.TryGetProperty(method.ToLowerInvariant(), out operation);
    }

    private static void AssertProblemResponse(JsonElement document, string method, string path, string status)
    {
        Assert.True(TryGetOperation(document, method, path, out var operation), $"{method} {path} is not in the OpenAPI document");
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var response), $"{method} {path} does not document {status}");
        Assert.True(HasSchema(response), $"{method} {path} documents {status} without a schema");
    }

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(media => media.Value.TryGetProperty("schema", out _));
}
