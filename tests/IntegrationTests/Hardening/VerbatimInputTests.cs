using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>
/// Input the contract's Auth section rules on (issue 8, finding 4): a NUL anywhere in a request is 400; passwords are
/// used exactly as sent; emails are compared in NFKC form and refused with invisible or format characters. A NUL in
/// the path is refused by Kestrel itself (the in-process test server throws on it): KestrelInputTests.
/// </summary>
public sealed class VerbatimInputTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/visitors?search=ab%00c")]
    [InlineData("/api/users?search=%00")]
    [InlineData("/api/hosts?search=x%00")]
    [InlineData("/api/cron/runs?job=tick%00")]
    public async Task Nul_InTheQuery_Is400(string path)
    {
        var response = await Data.Admin.GetAsync(path);

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.nul_character", problem.Extensions!["code"].GetString());
    }

    [Fact]
    public async Task Nul_FromAClientThatAcceptsNoJson_IsStill400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/visits/export?from=%00");
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await Data.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nul_InAJsonString_Is400NamingTheField_AndWritesNothing()
    {
        var before = await Factory.ScalarAsync<long>("SELECT count(*) FROM visitors");

        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = "Anna\u0000 Bell", phoneNumber = TestData.PhoneNumber() });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Must not contain a NUL character (U+0000)."], problem.Errors!["fullName"]);
        Assert.Equal(before, await Factory.ScalarAsync<long>("SELECT count(*) FROM visitors"));
    }

    [Fact]
    public async Task Nul_InAPassword_Is400()
    {
        var response = await Factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword + "\u0000" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("password"));
    }

    [Fact]
    public async Task Nul_InAFormField_Is400()
    {
        var response = await Factory.CreateClient().PostAsync(
            "/api/public/approvals/some-token", new FormUrlEncodedContent([new("decision", "approve\u0000")]));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.nul_character", problem.Extensions!["code"].GetString());
    }

    [Fact]
    public async Task Password_IsUsedExactlyAsSent()
    {
        var email = $"verbatim-{Guid.NewGuid():N}@example.com";
        const string password = "  Spaces around, kept  ";
        await TestData.Expect(await CreateUserAsync(email, password), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, password.Trim())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, password)).StatusCode);
    }

    [Theory]
    [InlineData("zero\u200Bwidth@example.com")]
    [InlineData("rtl\u202Emark@example.com")]
    [InlineData("soft\u00ADhyphen@example.com")]
    [InlineData("tag\U000E0020char@example.com")]
    public async Task Email_WithAnInvisibleOrFormatCharacter_Is400(string email)
    {
        var response = await CreateUserAsync(email, "a-good-password-1");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Must not contain invisible or format characters."], problem.Errors!["email"]);
    }

    [Fact]
    public async Task Email_ThatIsAnotherUsersInNfkcForm_Is409_AndLogsInAsThatUser()
    {
        var local = $"nfkc{Guid.NewGuid():N}"[..16];
        var email = $"{local}@example.com";
        var fullwidth = string.Concat(local.Select(c => (char)(c + 0xFEE0))) + "@ｅｘａｍｐｌｅ.com";
        Assert.NotEqual(email, fullwidth);
        await TestData.Expect(await CreateUserAsync(email, "a-good-password-1"), HttpStatusCode.Created);

        await TestData.ExpectProblem(await CreateUserAsync(fullwidth, "another-password-2"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(fullwidth, "a-good-password-1")).StatusCode);
    }

    private Task<HttpResponseMessage> CreateUserAsync(string email, string password) =>
        Data.Admin.PostAsJsonAsync("/api/users", new { email, fullName = "Verbatim Tester", role = "Receptionist", password });

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        Factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
}
