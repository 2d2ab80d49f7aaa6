using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Sites;

public sealed class SiteTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Create_AsAdminWithIanaZone_Returns201WithTheSite()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/sites", new { name = "Berlin Office", timeZone = "Europe/Berlin" });

        await TestData.Expect(response, HttpStatusCode.Created);
        var site = await response.Content.ReadFromJsonAsync<SiteBody>(TestData.Json);
        Assert.NotEqual(Guid.Empty, site!.Id);
        Assert.Equal("Berlin Office", site.Name);
        Assert.Equal("Europe/Berlin", site.TimeZone);
        var sites = await Data.Admin.GetFromJsonAsync<List<SiteBody>>("/api/sites", TestData.Json);
        Assert.Contains(site, sites!);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Berlin<script>")]
    [InlineData("")]
    public async Task Create_WithZoneThatIsNotIana_Returns400WithTimeZoneError(string timeZone)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/sites", new { name = "Somewhere", timeZone });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("timeZone"), "errors.timeZone is missing");
        var sites = await Data.Admin.GetFromJsonAsync<List<SiteBody>>("/api/sites", TestData.Json);
        Assert.Single(sites!);
    }

    [Fact]
    public async Task Create_WithMarkupInName_Returns400WithNameError()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/sites", new { name = "<img src=x onerror=alert(1)>", timeZone = "Europe/Berlin" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("name"), "errors.name is missing");
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Receptionist")]
    [InlineData("Host")]
    public async Task List_ForEveryRole_IncludesTheDefaultSite(string role)
    {
        var client = role == "Admin" ? Data.Admin : (await Data.SignedInAsync(role)).Client;

        var response = await client.GetAsync("/api/sites");

        await TestData.Expect(response, HttpStatusCode.OK);
        var sites = await response.Content.ReadFromJsonAsync<List<SiteBody>>(TestData.Json);
        var site = Assert.Single(sites!);
        Assert.NotEqual(Guid.Empty, site.Id);
        Assert.False(string.IsNullOrWhiteSpace(site.Name));
        Assert.Equal("UTC", site.TimeZone);
    }

    private sealed record SiteBody(Guid Id, string Name, string TimeZone);
}
