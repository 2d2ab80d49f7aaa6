using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Hardening;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API8:2023 Security Misconfiguration (ASVS 5.0 V3 web frontend security, V13 configuration, V14 data protection):
/// hardened headers, no caching of personal data, no internals, no stray methods or origins.
/// </summary>
public sealed class Api8SecurityMisconfigurationTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    [Fact]
    public async Task ApiAnswers_CarryTheSecurityHeadersAndNoServerBanner()
    {
        var response = await Data.Admin.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeadersTests.AssertSecurityHeaders(response);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task ApiAnswers_WithPersonalDataOrTokens_AreNotStoredByCaches()
    {
        var visitor = await Data.VisitorAsync();
        var login = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });

        foreach (var response in new[]
        {
            login,
            await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}"),
            await Data.Admin.GetAsync("/api/visitors"),
            await Data.Admin.GetAsync("/api/visits/export"),
            await Data.Anonymous.GetAsync("/api/auth/me"),
        })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri!.AbsolutePath} answers Cache-Control: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Preflight_FromAnUnknownOrigin_IsNotAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/visits");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await Data.Anonymous.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Metrics_AreNotOnThePublicPort()
    {
        var response = await Data.Anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailedHealth_NeedsAnAdmin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(Data.Anonymous.GetAsync("/health/detailed")));
        var (_, host) = await Data.SignedInAsync("Host");
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(host.GetAsync("/health/detailed")));
    }

    [Fact]
    public async Task MalformedInput_AnswersAProblemWithoutInternals()
    {
        var response = await Data.Admin.PostAsync("/api/visitors", new StringContent("{\"fullName\": \"x\", \"phoneNumber\": ", System.Text.Encoding.UTF8, "application/json"));

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }
}
