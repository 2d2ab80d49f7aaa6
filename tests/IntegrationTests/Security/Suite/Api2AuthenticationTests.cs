using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>API2:2023 Broken Authentication (ASVS 5.0 V6 authentication, V7 session management, V9 self-contained tokens).</summary>
public sealed class Api2AuthenticationTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Login_WrongPasswordAndUnknownEmail_AnswerAlike()
    {
        var user = await Data.UserAsync("Receptionist");

        var wrongPassword = await TestData.ExpectProblem(await LoginAsync(user.Email, "not-the-password-at-all"), HttpStatusCode.Unauthorized);
        var unknownEmail = await TestData.ExpectProblem(await LoginAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.com", "not-the-password-at-all"), HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword with { TraceId = null, Instance = null, Extensions = null }, unknownEmail with { TraceId = null, Instance = null, Extensions = null });
        Assert.Equal(wrongPassword.Extensions!["code"].GetString(), unknownEmail.Extensions!["code"].GetString());
    }

    [Fact]
    public async Task AccessToken_WithItsRoleClaimEdited_Returns401()
    {
        var host = await Data.UserAsync("Host");
        var token = await AccessTokenAsync(host.Email);
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlDecode(parts[1]))!;
        var edited = payload.ToDictionary(p => p.Key, p => (object)(p.Key == "role" ? "Admin" : p.Value));
        var forged = $"{parts[0]}.{Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(edited))}.{parts[2]}";

        var response = await WithToken(forged).GetAsync("/api/users");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessToken_InTheQueryString_IsNotAccepted()
    {
        var token = await AccessTokenAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword);

        var response = await Data.Anonymous.GetAsync($"/api/auth/me?access_token={token}");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefreshToken_PresentedAgainAfterRotation_EndsTheWholeSignIn()
    {
        var user = await Data.UserAsync("Receptionist");
        var first = await LoginBodyAsync(user.Email);
        var rotated = await RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<TokenPair>(TestData.Json))!;

        // A thief replays the spent token: refused, and the legitimate holder's newer one dies with it.
        await TestData.ExpectProblem(await RefreshAsync(first.RefreshToken), HttpStatusCode.Unauthorized);
        await TestData.ExpectProblem(await RefreshAsync(second.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_EndsTheRefreshToken()
    {
        var user = await Data.UserAsync("Receptionist");
        var pair = await LoginBodyAsync(user.Email);

        var logout = await WithToken(pair.AccessToken).PostAsJsonAsync("/api/auth/logout", new { refreshToken = pair.RefreshToken });
        await TestData.Expect(logout, HttpStatusCode.NoContent);

        await TestData.ExpectProblem(await RefreshAsync(pair.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeactivatedUser_TheirTokenStopsAtOnce()
    {
        var user = await Data.UserAsync("Receptionist");
        var client = WithToken(await AccessTokenAsync(user.Email));
        await TestData.Expect(await client.GetAsync("/api/visits"), HttpStatusCode.OK);

        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false }), HttpStatusCode.OK);

        await TestData.ExpectProblem(await client.GetAsync("/api/visits"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NewUser_WithAPasswordShorterThan12_Returns400()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/users", new
        {
            email = $"short-{Guid.NewGuid():N}@example.com",
            fullName = "Short Password",
            role = "Receptionist",
            password = "elevenchars",
        });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("password", problem.Errors!.Keys);
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Data.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task<TokenPair> LoginBodyAsync(string email, string password = Password)
    {
        var response = await LoginAsync(email, password);
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TokenPair>(TestData.Json))!;
    }

    private async Task<string> AccessTokenAsync(string email, string password = Password) => (await LoginBodyAsync(email, password)).AccessToken;

    private HttpClient WithToken(string token)
    {
        var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static byte[] Base64UrlDecode(string value) =>
        Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/').PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '='));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record TokenPair(string AccessToken, string RefreshToken);
}
