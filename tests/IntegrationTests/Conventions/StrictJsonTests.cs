using System.Net;
using System.Net.Http.Json;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Conventions;

/// <summary>API.md Conventions: what a JSON request body may hold, and the Content-Type a JSON endpoint takes.</summary>
[Collection(ApiContractCollection.Name)]
public sealed class StrictJsonTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreateVisitor_WithUnknownProperty_Returns400AndCreatesNothing()
    {
        var body = $"{{\"fullName\":\"Vera Visitor\",\"phoneNumber\":\"{TestData.PhoneNumber()}\",\"isBlocked\":false}}";

        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(body));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        await AssertNoVisitorsAsync();
    }

    [Fact]
    public async Task UpdateUser_WithUnknownProperty_Returns400AndChangesNothing()
    {
        var user = await Data.UserAsync("Host", "Hanna Host");

        var response = await Data.Admin.PatchAsync($"/api/users/{user.Id}", TestData.RawJson("{\"fullName\":\"Changed Name\",\"passwordHash\":\"x\"}"));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("Hanna Host", (await Data.Admin.GetFromJsonAsync<UserBody>($"/api/users/{user.Id}", TestData.Json))!.FullName);
    }

    [Fact]
    public async Task CreateVisitor_WithDuplicateProperty_Returns400AndCreatesNothing()
    {
        var body = $"{{\"fullName\":\"Vera Visitor\",\"fullName\":\"Other Name\",\"phoneNumber\":\"{TestData.PhoneNumber()}\"}}";

        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(body));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        await AssertNoVisitorsAsync();
    }

    [Fact]
    public async Task CreateVisitor_WithDuplicatePropertyDifferingOnlyInCase_Returns400()
    {
        var body = $"{{\"fullName\":\"Vera Visitor\",\"FullName\":\"Other Name\",\"phoneNumber\":\"{TestData.PhoneNumber()}\"}}";

        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(body));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        await AssertNoVisitorsAsync();
    }

    [Theory]
    [InlineData("__proto__")]
    [InlineData("constructor")]
    [InlineData("prototype")]
    public async Task CreateVisitor_WithPrototypePollutionKey_Returns400(string key)
    {
        var body = $"{{\"fullName\":\"Vera Visitor\",\"phoneNumber\":\"{TestData.PhoneNumber()}\",\"{key}\":{{\"isAdmin\":true}}}}";

        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(body));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        await AssertNoVisitorsAsync();
    }

    [Theory]
    [InlineData("__proto__")]
    [InlineData("constructor")]
    [InlineData("prototype")]
    public async Task CreateVisit_WithPrototypePollutionKeyInNestedVisitor_Returns400(string key)
    {
        var host = await Data.UserAsync("Host");
        var body = $"{{\"hostId\":\"{host.Id}\",\"purpose\":\"Meeting\",\"visitor\":{{\"fullName\":\"Vera Visitor\",\"phoneNumber\":\"{TestData.PhoneNumber()}\",\"{key}\":{{}}}}}}";

        var response = await Data.Admin.PostAsync("/api/visits", TestData.RawJson(body));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        await AssertNoVisitorsAsync();
    }

    [Fact]
    public async Task CreateVisitor_WithNestingDeeperThan64_Returns400()
    {
        const int depth = 100;
        var nested = new string('[', depth) + new string(']', depth);
        var body = $"{{\"fullName\":{nested},\"phoneNumber\":\"{TestData.PhoneNumber()}\"}}";

        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(body));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors!.Values.SelectMany(m => m), m => m.Contains("64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateVisit_WithObjectsNestedDeeperThan64_Returns400()
    {
        const int depth = 100;
        var nested = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            nested.Append("{\"fullName\":");
        }

        nested.Append("\"Vera\"").Append('}', depth);
        var body = $"{{\"purpose\":\"Meeting\",\"visitor\":{nested}}}";

        var response = await Data.Admin.PostAsync("/api/visits", TestData.RawJson(body));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors!.Values.SelectMany(m => m), m => m.Contains("64", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task CreateVisitor_WithAnotherContentType_Returns415(string mediaType)
    {
        var body = $"{{\"fullName\":\"Vera Visitor\",\"phoneNumber\":\"{TestData.PhoneNumber()}\"}}";
        using var content = new StringContent(body, Encoding.UTF8, mediaType);

        var response = await Data.Admin.PostAsync("/api/visitors", content);

        await TestData.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNoVisitorsAsync();
    }

    [Fact]
    public async Task Login_WithFormUrlEncodedBody_Returns415()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = ApiFactory.AdminEmail, ["password"] = ApiFactory.AdminPassword });

        var response = await Data.Anonymous.PostAsync("/api/auth/login", form);

        await TestData.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UpdateUser_WithTextPlainBody_Returns415()
    {
        var user = await Data.UserAsync("Host");
        using var content = new StringContent("{\"fullName\":\"Changed\"}", Encoding.UTF8, "text/plain");

        var response = await Data.Admin.PatchAsync($"/api/users/{user.Id}", content);

        await TestData.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task CreateVisitor_WithEmptyBody_Returns400()
    {
        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(string.Empty));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
    }

    [Fact]
    public async Task Login_WithEmptyBody_Returns400()
    {
        var response = await Data.Anonymous.PostAsync("/api/auth/login", TestData.RawJson(string.Empty));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"fullName\":")]
    [InlineData("{'fullName':'Vera'}")]
    public async Task CreateVisitor_WithBodyThatIsNotAJsonObject_Returns400(string body)
    {
        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson(body));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        await AssertNoVisitorsAsync();
    }

    [Fact]
    public async Task CreateUser_WithRoleAsNumber_Returns400()
    {
        var response = await Data.Admin.PostAsync("/api/users", TestData.RawJson(
            "{\"email\":\"num@example.com\",\"fullName\":\"Num Role\",\"role\":0,\"password\":\"a-long-enough-password\"}"));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
    }

    private async Task AssertNoVisitorsAsync()
    {
        var visitors = await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors", TestData.Json);
        Assert.Equal(0, visitors!.TotalCount);
    }
}
