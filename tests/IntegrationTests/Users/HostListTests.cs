using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Users;

public sealed class HostListTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("Admin")]
    [InlineData("Receptionist")]
    public async Task ListHosts_AsAdminOrReceptionist_ReturnsOnlyActiveHostsWithIdAndName(string role)
    {
        var active = await Data.UserAsync("Host", "Anna Active");
        var inactive = await Data.UserAsync("Host", "Ian Inactive");
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{inactive.Id}", new { isActive = false }), HttpStatusCode.OK);
        await Data.UserAsync("Receptionist", "Rita Reception");
        var client = role == "Admin" ? Data.Admin : (await Data.SignedInAsync(role)).Client;

        var response = await client.GetAsync("/api/hosts");

        await TestData.Expect(response, HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        var host = Assert.Single(items);
        Assert.Equal(["fullName", "id"], host.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(active.Id, host.GetProperty("id").GetGuid());
        Assert.Equal("Anna Active", host.GetProperty("fullName").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task ListHosts_WithSearch_MatchesNamesCaseInsensitively()
    {
        await Data.UserAsync("Host", "Anna Active");
        await Data.UserAsync("Host", "Bert Busy");

        var found = await Data.Admin.GetFromJsonAsync<Paged<VisitHostBody>>("/api/hosts?search=bUSY", TestData.Json);

        Assert.Equal("Bert Busy", Assert.Single(found!.Items).FullName);
    }

    [Fact]
    public async Task ListHosts_WithPaging_SplitsTheHostsIntoPages()
    {
        await Data.UserAsync("Host", "Anna Active");
        await Data.UserAsync("Host", "Bert Busy");
        await Data.UserAsync("Host", "Cleo Calm");

        var second = await Data.Admin.GetFromJsonAsync<Paged<VisitHostBody>>("/api/hosts?page=2&pageSize=2", TestData.Json);

        Assert.Equal((2, 2, 3, 2), (second!.Page, second.PageSize, second.TotalCount, second.TotalPages));
        Assert.Equal("Cleo Calm", Assert.Single(second.Items).FullName);
    }

    [Fact]
    public async Task ListHosts_AsHost_Returns403()
    {
        var (_, host) = await Data.SignedInAsync("Host");

        var response = await host.GetAsync("/api/hosts");

        await TestData.ExpectProblem(response, HttpStatusCode.Forbidden);
    }
}
