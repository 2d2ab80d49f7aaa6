using System.Net;
using System.Net.Http.Headers;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Security;

/// <summary>
/// Every protected endpoint of the contract: 401 without a valid token, 403 for a valid token of a role it does not
/// admit, and neither for a role it does admit (whatever the handler then answers for a made-up id or empty body).
/// </summary>
[Collection(ApiVisitsCollection.Name)]
public sealed class RoleMatrixTests(ApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string, string> ProtectedEndpoints() => ContractEndpoints.Data(e => !e.IsAnonymous);

    public static TheoryData<string, string, string> ForbiddenRoles()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in ContractEndpoints.All.Where(e => !e.IsAnonymous))
        {
            foreach (var role in ContractEndpoints.AllRoles.Except(endpoint.Roles))
            {
                data.Add(endpoint.Method, endpoint.Path, role);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> AllowedRoles()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in ContractEndpoints.All.Where(e => !e.IsAnonymous))
        {
            foreach (var role in endpoint.Roles)
            {
                data.Add(endpoint.Method, endpoint.Path, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Endpoint_WithoutToken_Returns401(string method, string path)
    {
        var endpoint = ContractEndpoints.Find(method, path);

        var response = await SendAsync(Data.Anonymous, endpoint);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Endpoint_WithGarbageToken_Returns401(string method, string path)
    {
        var endpoint = ContractEndpoints.Find(method, path);
        var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");

        var response = await SendAsync(client, endpoint);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ForbiddenRoles))]
    public async Task Endpoint_WithValidTokenOfAWrongRole_Returns403(string method, string path, string role)
    {
        var endpoint = ContractEndpoints.Find(method, path);
        var client = await ClientAsync(role);

        var response = await SendAsync(client, endpoint);

        await TestData.ExpectProblem(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(AllowedRoles))]
    public async Task Endpoint_WithValidTokenOfAnAllowedRole_IsNotRefusedForTheRole(string method, string path, string role)
    {
        var endpoint = ContractEndpoints.Find(method, path);
        var client = await ClientAsync(role);

        var response = await SendAsync(client, endpoint);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{endpoint} as {role} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Login_WithoutToken_Returns200()
    {
        var response = await Data.Anonymous.PostAsync("/api/auth/login", TestData.RawJson($"{{\"email\":\"{ApiFactory.AdminEmail}\",\"password\":\"{ApiFactory.AdminPassword}\"}}"));

        await TestData.Expect(response, HttpStatusCode.OK);
    }

    private async Task<HttpClient> ClientAsync(string role) =>
        role == ContractEndpoints.Admin ? Data.Admin : (await Data.SignedInAsync(role)).Client;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, ContractEndpoint endpoint)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Concrete());
        if (endpoint.HasJsonBody)
        {
            request.Content = TestData.RawJson("{}");
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
