using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Conventions;

/// <summary>API.md Conventions: every error is an RFC 9457 problem with type, title, status, instance and traceId.</summary>
[Collection(ApiContractCollection.Name)]
public sealed class ProblemDetailsTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ValidationError_IsProblemWithErrorsPerField()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = "", phoneNumber = "nope", email = "not-an-email" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(["email", "fullName", "phoneNumber"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.All(problem.Errors.Values, messages => Assert.NotEmpty(messages));
        Assert.Equal("/api/visitors", problem.Instance);
    }

    [Fact]
    public async Task MalformedJson_IsProblemWithoutDotNetInternals()
    {
        var response = await Data.Admin.PostAsync("/api/visitors", TestData.RawJson("{\"fullName\": 12}"));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.NotNull(problem.Errors);
        Assert.Equal("request.malformed", problem.Code());
        Assert.DoesNotContain("System.", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("CleanVisitors.", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_IsProblem()
    {
        var response = await Data.Anonymous.GetAsync("/api/visitors");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("auth.unauthenticated", problem.Code());
    }

    [Fact]
    public async Task Forbidden_IsProblem()
    {
        var (_, host) = await Data.SignedInAsync("Host");

        var response = await host.GetAsync("/api/visitors");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Forbidden);
        Assert.Equal("auth.forbidden", problem.Code());
    }

    [Fact]
    public async Task NotFound_IsProblemWithDetail()
    {
        var id = Guid.CreateVersion7();

        var response = await Data.Admin.GetAsync($"/api/visits/{id}");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Equal($"/api/visits/{id}", problem.Instance);
    }

    [Fact]
    public async Task Conflict_IsProblemWithDetail()
    {
        var first = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "same@example.com", fullName = "Same One", role = "Host", password = "a-long-enough-password" });
        await TestData.Expect(first, HttpStatusCode.Created);

        var response = await Data.Admin.PostAsJsonAsync("/api/users", new { email = "same@example.com", fullName = "Same Two", role = "Host", password = "a-long-enough-password" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task UnknownRoute_IsProblemWithItsCode()
    {
        var response = await Data.Admin.GetAsync("/api/no-such-thing");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
        Assert.Equal("route.not_found", problem.Code());
    }

    [Fact]
    public async Task UnsupportedMediaType_IsProblem()
    {
        using var content = new StringContent("email=a", System.Text.Encoding.UTF8, "text/plain");

        var response = await Data.Anonymous.PostAsync("/api/auth/login", content);

        await TestData.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Problem_TraceIdIsTheW3CTraceOfTheRequest()
    {
        var response = await Data.Admin.GetAsync($"/api/users/{Guid.CreateVersion7()}");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", problem.TraceId);
    }

    [Fact]
    public async Task Times_AreIsoUtcWithZ_AndEnumsAreStrings_AndIdsAreUuidVersion7()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        using var json = JsonDocument.Parse(await Data.Admin.GetStringAsync($"/api/visits/{visit.Id}"));
        var root = json.RootElement;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", root.GetProperty("createdAt").GetString());
        Assert.Equal("PendingApproval", root.GetProperty("status").GetString());
        foreach (var id in new[] { root.GetProperty("id"), root.GetProperty("siteId"), root.GetProperty("visitor").GetProperty("id"), root.GetProperty("host").GetProperty("id") })
        {
            Assert.Equal(7, Guid.Parse(id.GetString()!).Version);
        }
    }
}
