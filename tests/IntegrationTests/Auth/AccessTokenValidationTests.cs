using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanVisitors.IntegrationTests.Auth;

/// <summary>Tokens the API must refuse. Each is built like a good one (see the first test) with one thing wrong.</summary>
public sealed class AccessTokenValidationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Me_WithTokenBuiltLikeTheApiDoes_Returns200()
    {
        var (admin, stamp) = await AdminAsync();

        var response = await MeWith(TestTokens.Create(admin, "Admin", stamp));

        await TestData.Expect(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Me_WithExpiredToken_Returns401()
    {
        var (admin, stamp) = await AdminAsync();
        var token = TestTokens.Create(admin, "Admin", stamp, d =>
        {
            d.IssuedAt = DateTime.UtcNow.AddHours(-2);
            d.NotBefore = DateTime.UtcNow.AddHours(-2);
            d.Expires = DateTime.UtcNow.AddMinutes(-5);
        });

        var response = await MeWith(token);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithTokenSignedWithAnotherSecret_Returns401()
    {
        var (admin, stamp) = await AdminAsync();
        var token = TestTokens.Create(admin, "Admin", stamp, d => d.SigningCredentials = TestTokens.Signing("another-secret-of-enough-length-0123456789"));

        var response = await MeWith(token);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithUnsignedAlgNoneToken_Returns401()
    {
        var (admin, stamp) = await AdminAsync();
        var token = TestTokens.Create(admin, "Admin", stamp, d => d.SigningCredentials = null);
        Assert.Equal("none", new JsonWebToken(token).Alg);

        var response = await MeWith(token);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithGoodTokenWhoseSignatureWasStripped_Returns401()
    {
        var (admin, stamp) = await AdminAsync();
        var token = TestTokens.Create(admin, "Admin", stamp);
        var unsigned = token[..(token.LastIndexOf('.') + 1)];

        var response = await MeWith(unsigned);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithWrongIssuer_Returns401()
    {
        var (admin, stamp) = await AdminAsync();
        var token = TestTokens.Create(admin, "Admin", stamp, d => d.Issuer = "someone-else");

        var response = await MeWith(token);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithWrongAudience_Returns401()
    {
        var (admin, stamp) = await AdminAsync();
        var token = TestTokens.Create(admin, "Admin", stamp, d => d.Audience = "another-api");

        var response = await MeWith(token);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminEndpoint_WithTokenWhoseRoleClaimWasForgedToAdmin_Returns401()
    {
        var (host, _) = await Data.SignedInAsync("Host");
        var token = TestTokens.Create(host.Id, "Admin", Guid.Empty, d => d.SigningCredentials = TestTokens.Signing("a-guessed-secret-that-is-long-enough-000"));
        using var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/users");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithMalformedBearerValue_Returns401()
    {
        var response = await MeWith("not-a-jwt");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    private async Task<(Guid Id, Guid Stamp)> AdminAsync()
    {
        var me = await Data.Admin.GetFromJsonAsync<UserBody>("/api/auth/me", TestData.Json);
        return (me!.Id, await Factory.ScalarAsync<Guid>("SELECT security_stamp FROM users WHERE id = @id", ("id", me.Id)));
    }

    private async Task<HttpResponseMessage> MeWith(string token)
    {
        using var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/auth/me");
    }
}
