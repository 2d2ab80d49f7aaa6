using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API5:2023 Broken Function Level Authorization: administrative functions refuse the other roles, and the cron
/// functions refuse every user token. (Every endpoint against every role: Security/RoleMatrixTests.)
/// </summary>
public sealed class Api5FunctionLevelAuthorizationTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    [Theory]
    [InlineData("Host")]
    [InlineData("Receptionist")]
    public async Task NonAdmin_CannotUseAdministrativeFunctions(string role)
    {
        var (_, client) = await Data.SignedInAsync(role);
        var visitor = await Data.VisitorAsync();
        var someone = await Data.UserAsync("Host");

        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.PostAsJsonAsync("/api/users", new { email = "x@example.com", fullName = "X", role = "Admin", password = "a-long-enough-password" })));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.PatchAsJsonAsync($"/api/users/{someone.Id}", new { role = "Admin" })));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.GetAsync("/api/audit-logs")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.GetAsync("/api/visits/export")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.DeleteAsync($"/api/visitors/{visitor.Id}")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.PostAsJsonAsync($"/api/visitors/{visitor.Id}/block", new { reason = "x" })));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.PostAsJsonAsync("/api/sites", new { name = "Rogue", timeZone = "Europe/Berlin" })));

        Assert.Equal("Host", (await (await Data.Admin.GetAsync($"/api/users/{someone.Id}")).ReadAsync<UserBody>(HttpStatusCode.OK)).Role);
        Assert.False((await (await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}")).ReadAsync<VisitorBody>(HttpStatusCode.OK)).IsErased);
    }

    [Fact]
    public async Task Host_CannotUseFrontDeskFunctions()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.ApprovedVisitAsync(host.Id);

        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.PostAsync($"/api/visits/{visit.Id}/check-in", null)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.GetAsync("/api/visits/on-site")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.GetAsync($"/api/visits/by-badge/{visit.BadgeCode}")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.GetAsync("/api/visitors")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(client.GetAsync("/api/hosts")));
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Receptionist")]
    public async Task CronFunctions_RefuseAUserToken(string role)
    {
        var client = role == "Admin" ? Data.Admin : (await Data.SignedInAsync(role)).Client;

        var response = await client.PostAsync("/api/cron/tick", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CronFunctions_AcceptTheCronSecret()
    {
        var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecuritySuiteFactory.CronSecret);

        var response = await client.PostAsync("/api/cron/tick", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DemotedAdmin_LosesAdministrativeFunctionsAtOnce()
    {
        var (admin, client) = await Data.SignedInAsync("Admin");
        await TestData.Expect(await client.GetAsync("/api/audit-logs"), HttpStatusCode.OK);

        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{admin.Id}", new { role = "Host" }), HttpStatusCode.OK);

        Assert.Contains(await StatusOf(client.GetAsync("/api/audit-logs")), new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Contains(await StatusOf(client.PostAsJsonAsync("/api/users", new { email = "y@example.com", fullName = "Y", role = "Admin", password = "a-long-enough-password" })),
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }
}
