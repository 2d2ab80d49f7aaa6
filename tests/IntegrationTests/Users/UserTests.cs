using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Users;

public sealed class UserTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task Create_AsAdmin_Returns201WithLocationAndTheUser()
    {
        var before = DateTimeOffset.UtcNow;

        var response = await Data.Admin.PostAsJsonAsync("/api/users", new
        {
            email = "Rita.Reception@Example.com",
            fullName = "Rita Reception",
            phoneNumber = "+44 20 7946 0958",
            role = "Receptionist",
            password = Password,
        });

        await TestData.Expect(response, HttpStatusCode.Created);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(raw);
        Assert.Equal(
            ["createdAt", "email", "fullName", "id", "isActive", "phoneNumber", "role"],
            json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var user = JsonSerializer.Deserialize<UserBody>(raw, TestData.Json)!;
        Assert.Equal("Rita Reception", user.FullName);
        Assert.Equal("+442079460958", user.PhoneNumber);
        Assert.Equal("Receptionist", user.Role);
        Assert.True(user.IsActive);
        Assert.InRange(user.CreatedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal("rita.reception@example.com", user.Email, StringComparer.OrdinalIgnoreCase);

        Assert.NotNull(response.Headers.Location);
        var fetched = await Data.Admin.GetFromJsonAsync<UserBody>(response.Headers.Location, TestData.Json);
        Assert.Equal(user, fetched);
    }

    [Fact]
    public async Task Create_WhenEmailExistsInAnotherCase_Returns409()
    {
        var first = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "dana.dupe@example.com", fullName = "Dana Dupe", role = "Host", password = Password });
        await TestData.Expect(first, HttpStatusCode.Created);

        var second = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "DANA.Dupe@EXAMPLE.com", fullName = "Dana Again", role = "Host", password = Password });

        await TestData.ExpectProblem(second, HttpStatusCode.Conflict);
        var hosts = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?role=Host", TestData.Json);
        Assert.Single(hosts!.Items);
    }

    [Fact]
    public async Task Create_WithPasswordShorterThan12_Returns400WithPasswordError()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "short@example.com", fullName = "Short Password", role = "Host", password = "elevenchars" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("password"), "errors.password is missing");
        Assert.Equal(["password"], problem.Errors.Keys);
    }

    [Fact]
    public async Task Create_WithPasswordOfExactly12_Returns201()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "twelve@example.com", fullName = "Twelve Chars", role = "Host", password = "twelve-chars" });

        await TestData.Expect(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Create_WithUnknownRole_Returns400()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "role@example.com", fullName = "Role Less", role = "Superuser", password = Password });

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_FilteredByRole_ReturnsOnlyThatRole()
    {
        await Data.UserAsync("Host", "Alice Anders");
        await Data.UserAsync("Host", "Bob Brown");
        await Data.UserAsync("Receptionist", "Carla Cruz");

        var hosts = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?role=Host", TestData.Json);

        Assert.Equal(["Alice Anders", "Bob Brown"], hosts!.Items.Select(u => u.FullName).Order(StringComparer.Ordinal));
        Assert.All(hosts.Items, u => Assert.Equal("Host", u.Role));
        Assert.Equal(2, hosts.TotalCount);
    }

    [Fact]
    public async Task List_WithSearch_MatchesNamesCaseInsensitively()
    {
        await Data.UserAsync("Host", "Alice Anders");
        await Data.UserAsync("Host", "Bob Brown");
        await Data.UserAsync("Receptionist", "Malice Moore");

        var found = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?search=ALICE", TestData.Json);

        Assert.Equal(["Alice Anders", "Malice Moore"], found!.Items.Select(u => u.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(2, found.TotalCount);
    }

    [Fact]
    public async Task List_WithRoleAndSearch_AppliesBoth()
    {
        await Data.UserAsync("Host", "Alice Anders");
        await Data.UserAsync("Receptionist", "Alice Moore");

        var found = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?role=Receptionist&search=alice", TestData.Json);

        Assert.Equal("Alice Moore", Assert.Single(found!.Items).FullName);
    }

    [Fact]
    public async Task List_WithPaging_SplitsTheUsersIntoPages()
    {
        await Data.UserAsync("Host", "Alice Anders");
        await Data.UserAsync("Host", "Bob Brown");
        await Data.UserAsync("Receptionist", "Carla Cruz");

        var first = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?page=1&pageSize=3", TestData.Json);
        var second = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?page=2&pageSize=3", TestData.Json);
        var beyond = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?page=3&pageSize=3", TestData.Json);

        Assert.Equal((1, 3, 4, 2), (first!.Page, first.PageSize, first.TotalCount, first.TotalPages));
        Assert.Equal(3, first.Items.Count);
        Assert.Equal((2, 3, 4, 2), (second!.Page, second.PageSize, second.TotalCount, second.TotalPages));
        Assert.Single(second.Items);
        Assert.Empty(first.Items.Select(u => u.Id).Intersect(second.Items.Select(u => u.Id)));
        Assert.Empty(beyond!.Items);
        Assert.Equal(4, beyond.TotalCount);
    }

    [Fact]
    public async Task List_NeverContainsAPasswordOrHash()
    {
        await Data.UserAsync("Host");
        await Data.UserAsync("Receptionist");

        var raw = await Data.Admin.GetStringAsync("/api/users");

        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", raw, StringComparison.Ordinal); // the prefix of every ASP.NET Core Identity v3 hash
    }

    [Fact]
    public async Task Get_WithKnownId_Returns200WithoutPassword()
    {
        var user = await Data.UserAsync("Host", "Hanna Host");

        var response = await Data.Admin.GetAsync($"/api/users/{user.Id}");

        await TestData.Expect(response, HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(user, JsonSerializer.Deserialize<UserBody>(raw, TestData.Json));
    }

    [Fact]
    public async Task Get_WithUnknownId_Returns404()
    {
        var response = await Data.Admin.GetAsync($"/api/users/{Guid.CreateVersion7()}");

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_WithOnlyFullName_ChangesOnlyTheName()
    {
        var user = await Data.UserAsync("Host", "Old Name", phoneNumber: "+4915123456789");

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { fullName = "New Name" });

        await TestData.Expect(response, HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        var updated = JsonSerializer.Deserialize<UserBody>(raw, TestData.Json);
        Assert.Equal(user with { FullName = "New Name" }, updated);
        Assert.Equal(updated, await Data.Admin.GetFromJsonAsync<UserBody>($"/api/users/{user.Id}", TestData.Json));
    }

    [Fact]
    public async Task Update_WithRoleAndPhone_ChangesThoseAndKeepsTheRest()
    {
        var user = await Data.UserAsync("Host", "Hanna Host");

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { role = "Receptionist", phoneNumber = "+1 415 555 0123" });

        await TestData.Expect(response, HttpStatusCode.OK);
        var updated = await response.Content.ReadFromJsonAsync<UserBody>(TestData.Json);
        Assert.Equal(user with { Role = "Receptionist", PhoneNumber = "+14155550123" }, updated);
    }

    [Fact]
    public async Task Update_WithIsActiveFalse_DeactivatesTheUser()
    {
        var user = await Data.UserAsync("Host");

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false });

        await TestData.Expect(response, HttpStatusCode.OK);
        var updated = await response.Content.ReadFromJsonAsync<UserBody>(TestData.Json);
        Assert.Equal(user with { IsActive = false }, updated);
        Assert.False((await Data.Admin.GetFromJsonAsync<UserBody>($"/api/users/{user.Id}", TestData.Json))!.IsActive);
    }

    [Fact]
    public async Task Update_WithUnknownId_Returns404()
    {
        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{Guid.CreateVersion7()}", new { fullName = "Nobody" });

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_WithMarkupInName_Returns400()
    {
        var user = await Data.UserAsync("Host", "Hanna Host");

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { fullName = "<b>Hanna</b>" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("fullName"));
        Assert.Equal("Hanna Host", (await Data.Admin.GetFromJsonAsync<UserBody>($"/api/users/{user.Id}", TestData.Json))!.FullName);
    }

    [Fact]
    public async Task Update_WhenLastActiveAdminDemotesThemselves_Returns409AndKeepsTheRole()
    {
        var admin = await AdminAsync();

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{admin.Id}", new { role = "Host" });

        await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.Equal("Admin", (await Data.Admin.GetFromJsonAsync<UserBody>($"/api/users/{admin.Id}", TestData.Json))!.Role);
    }

    [Fact]
    public async Task Update_WhenLastActiveAdminDeactivatesThemselves_Returns409AndStaysActive()
    {
        var admin = await AdminAsync();

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{admin.Id}", new { isActive = false });

        await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.True((await Data.Admin.GetFromJsonAsync<UserBody>($"/api/users/{admin.Id}", TestData.Json))!.IsActive);
    }

    [Fact]
    public async Task Update_WhenLastActiveAdminIsDemotedByAnotherAdminWhoIsInactive_Returns409()
    {
        var admin = await AdminAsync();
        var other = await Data.UserAsync("Admin");
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{other.Id}", new { isActive = false }), HttpStatusCode.OK);

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{admin.Id}", new { role = "Receptionist" });

        await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_WhenAnotherActiveAdminExists_AdminMayDemoteThemselves()
    {
        var admin = await AdminAsync();
        await Data.UserAsync("Admin");

        var response = await Data.Admin.PatchAsJsonAsync($"/api/users/{admin.Id}", new { role = "Receptionist" });

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("Receptionist", (await response.Content.ReadFromJsonAsync<UserBody>(TestData.Json))!.Role);
    }

    private async Task<UserBody> AdminAsync()
    {
        var admins = await Data.Admin.GetFromJsonAsync<Paged<UserBody>>("/api/users?role=Admin", TestData.Json);
        return Assert.Single(admins!.Items);
    }
}
