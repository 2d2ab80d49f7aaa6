using System.Net;
using System.Net.Http.Json;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API4:2023 Unrestricted Resource Consumption: every list is bounded, bodies and JSON depth are limited, and the
/// answer is a 4xx problem rather than work. (Rate limits and their headers: Hardening/RateLimitTests.)
/// </summary>
public sealed class Api4ResourceConsumptionTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    public static TheoryData<string> Lists() => ["/api/visits", "/api/visitors", "/api/users", "/api/hosts", "/api/audit-logs", "/api/cron/runs"];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_WithAPageSizeAboveTheMaximum_Returns400(string path)
    {
        var response = await Data.Admin.GetAsync($"{path}?pageSize=101");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("pageSize", problem.Errors!.Keys);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_PastTheCountedMatches_Returns400(string path)
    {
        // Offsets are bounded (API.md, Conventions): deeper pages are reached with a cursor, an index seek.
        var response = await Data.Admin.GetAsync($"{path}?page=100000&pageSize=100");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("/api/visitors")]
    [InlineData("/api/users")]
    [InlineData("/api/hosts")]
    public async Task Search_LongerThan100Characters_Returns400(string path)
    {
        var response = await Data.Admin.GetAsync($"{path}?search={new string('a', 101)}");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("search", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Body_AboveTheLimit_Returns413AndStoresNothing()
    {
        var json = $$"""{"fullName":"Big Body","phoneNumber":"{{TestData.PhoneNumber()}}","company":"{{new string('x', 2 * 1024 * 1024)}}"}""";

        var response = await Data.Admin.PostAsync("/api/visitors", new StringContent(json, Encoding.UTF8, "application/json"));

        await TestData.ExpectProblem(response, (HttpStatusCode)413);
        Assert.Empty((await (await Data.Admin.GetAsync("/api/visitors")).ReadAsync<Paged<VisitorBody>>(HttpStatusCode.OK)).Items);
    }

    [Fact]
    public async Task Json_NestedDeeperThanTheLimit_Returns400()
    {
        var json = """{"fullName":"Deep","phoneNumber":"+4915112345678","company":""" + new string('[', 200) + new string(']', 200) + "}";

        var response = await Data.Admin.PostAsync("/api/visitors", new StringContent(json, Encoding.UTF8, "application/json"));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PhotoUpload_AboveFiveMegabytes_Returns413()
    {
        var visitor = await Data.VisitorAsync();
        using var form = Photos.PhotoBytes.Form(Photos.PhotoBytes.Jpeg(6 * 1024 * 1024));

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", form);

        Assert.Equal((HttpStatusCode)413, response.StatusCode);
        Assert.False((await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{visitor.Id}", TestData.Json))!.HasPhoto);
    }
}
