using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Auth;

public sealed class LoginTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Login_WithCorrectCredentials_Returns200WithBearerTokenAndUser()
    {
        var before = DateTimeOffset.UtcNow;

        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });

        await TestData.Expect(response, HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(raw);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("accessToken").GetString()!.Split('.').Length);
        Assert.Equal("Bearer", root.GetProperty("tokenType").GetString());
        var expiresAt = root.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.EndsWith("Z", root.GetProperty("expiresAt").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("refreshToken").GetString()));
        Assert.InRange(root.GetProperty("refreshExpiresAt").GetDateTimeOffset(), before.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        var user = root.GetProperty("user");
        Assert.True(Guid.TryParse(user.GetProperty("id").GetString(), out _));
        Assert.Equal(ApiFactory.AdminEmail, user.GetProperty("email").GetString());
        Assert.Equal("Administrator", user.GetProperty("fullName").GetString());
        Assert.Equal("Admin", user.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Login_WithWrongPassword_Returns401()
    {
        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = "not-the-admin-password" });

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WithUnknownEmail_Returns401()
    {
        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = ApiFactory.AdminPassword });

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownEmail_AnswerTheSameProblem()
    {
        var wrongPassword = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = "not-the-admin-password" });
        var unknownEmail = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "not-the-admin-password" });

        var first = await TestData.ExpectProblem(wrongPassword, HttpStatusCode.Unauthorized);
        var second = await TestData.ExpectProblem(unknownEmail, HttpStatusCode.Unauthorized);
        Assert.Equal(first.Type, second.Type);
        Assert.Equal(first.Title, second.Title);
        Assert.Equal(first.Detail, second.Detail);
        Assert.Equal(first.Extensions?.Keys.Order(StringComparer.Ordinal), second.Extensions?.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first.Extensions?["code"].GetString(), second.Extensions?["code"].GetString());
    }

    [Fact]
    public async Task Login_WithEmailInAnotherCase_Returns200()
    {
        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail.ToUpperInvariant(), password = ApiFactory.AdminPassword });

        await TestData.Expect(response, HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ApiFactory.AdminEmail, json.RootElement.GetProperty("user").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Login_WhenUserIsInactive_Returns401()
    {
        var user = await Data.UserAsync("Receptionist");
        var deactivate = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false });
        await TestData.Expect(deactivate, HttpStatusCode.OK);

        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "correct-horse-battery" });

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WhenUserIsReactivated_Returns200()
    {
        var user = await Data.UserAsync("Receptionist");
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false }), HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = true }), HttpStatusCode.OK);

        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "correct-horse-battery" });

        await TestData.Expect(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WithoutPassword_Returns400WithPasswordError()
    {
        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("password"));
    }
}
