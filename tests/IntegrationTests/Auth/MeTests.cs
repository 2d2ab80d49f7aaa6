using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Auth;

public sealed class MeTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Me_WithValidToken_Returns200WithTheSignedInUser()
    {
        var user = await Data.UserAsync("Host", "Hanna Host", phoneNumber: "+49 151 2345 6789");
        var client = await Factory.ClientForAsync(user.Email, "correct-horse-battery");

        var response = await client.GetAsync("/api/auth/me");

        await TestData.Expect(response, HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(raw);
        var me = json.RootElement;
        Assert.Equal(
            ["email", "fullName", "id", "phoneNumber", "role"],
            me.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal("Hanna Host", me.GetProperty("fullName").GetString());
        Assert.Equal("+4915123456789", me.GetProperty("phoneNumber").GetString());
        Assert.Equal("Host", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Me_WithoutToken_Returns401()
    {
        var response = await Data.Anonymous.GetAsync("/api/auth/me");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WhenUserWasDeactivatedAfterSigningIn_Returns401()
    {
        var (user, client) = await Data.SignedInAsync("Receptionist");
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false }), HttpStatusCode.OK);

        var response = await client.GetAsync("/api/auth/me");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }
}
