using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API3:2023 Broken Object Property Level Authorization: no mass assignment of server-owned fields, no secret field in
/// an answer. (A Host's view of an invitation's visitor: Visits/HostInvitationPrivacyTests.)
/// </summary>
public sealed class Api3PropertyLevelAuthorizationTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    [Fact]
    public async Task CreateVisit_WithServerOwnedFields_Returns400AndMakesNothing()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitorId = visitor.Id,
            hostId = host.Id,
            purpose = "Meeting",
            status = "CheckedIn",
            badgeCode = "AAAAAAAA",
            approvedAt = DateTimeOffset.UtcNow,
        });

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Fact]
    public async Task CreateUser_WithIsActiveOrAPasswordHash_Returns400AndMakesNothing()
    {
        var email = $"mass-{Guid.NewGuid():N}@example.com";

        var response = await Data.Admin.PostAsJsonAsync("/api/users", new
        {
            email,
            fullName = "Mass Assignment",
            role = "Receptionist",
            password = "a-long-enough-password",
            passwordHash = "AQAAAAEAACcQAAAAE",
            securityStamp = Guid.NewGuid(),
        });

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        var users = await (await Data.Admin.GetAsync($"/api/users?search={Uri.EscapeDataString(email)}")).ReadAsync<Paged<UserBody>>(HttpStatusCode.OK);
        Assert.Empty(users.Items);
    }

    [Fact]
    public async Task UpdateUser_CannotSetServerOwnedFields()
    {
        var user = await Data.UserAsync("Receptionist");

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { createdAt = DateTimeOffset.UnixEpoch, id = Guid.NewGuid() });

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        var after = await (await Data.Admin.GetAsync($"/api/users/{user.Id}")).ReadAsync<UserBody>(HttpStatusCode.OK);
        Assert.Equal(user, after);
    }

    [Fact]
    public async Task UserAnswers_NeverCarryAPasswordHashOrSecurityStamp()
    {
        var (user, client) = await Data.SignedInAsync("Receptionist");
        var login = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "correct-horse-battery" });

        var bodies = new[]
        {
            await login.Content.ReadAsStringAsync(),
            await client.GetStringAsync("/api/auth/me"),
            await Data.Admin.GetStringAsync("/api/users"),
            await Data.Admin.GetStringAsync($"/api/users/{user.Id}"),
            await Data.Admin.GetStringAsync("/api/hosts"),
        };

        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("stamp", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("correct-horse-battery", body, StringComparison.Ordinal);
        });
    }
}
