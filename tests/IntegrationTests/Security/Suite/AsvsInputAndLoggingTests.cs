using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;
using Serilog.Events;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// ASVS 5.0 beyond the API Top 10: V1 encoding and sanitization (injection into SQL, LIKE patterns, CSV cells),
/// V2 validation, and V16 security logging (no credential in a log line).
/// </summary>
public sealed class AsvsInputAndLoggingTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    public static TheoryData<string> InjectionProbes() =>
    [
        "' OR '1'='1",
        "'; DROP TABLE visitors; --",
        "\") OR 1=1 --",
        "%",
        "_",
        "\\",
        "%' OR full_name LIKE '%",
        "$1",
        "1; SELECT pg_sleep(5)",
    ];

    [Theory]
    [MemberData(nameof(InjectionProbes))]
    public async Task Search_WithSqlOrPatternMetacharacters_MatchesThemLiterally(string probe)
    {
        // One of each, so an unescaped % or _ (which match anything) would find them.
        await Data.VisitorAsync("Alice Plain", "Plain Company");
        await Data.UserAsync("Host", "Alice Plain");
        var (_, desk) = await Data.SignedInAsync("Receptionist");

        foreach (var path in new[] { "/api/visitors", "/api/users", "/api/hosts" })
        {
            var response = await (path == "/api/users" ? Data.Admin : desk).GetAsync($"{path}?search={Uri.EscapeDataString(probe)}");

            var page = await response.ReadAsync<Paged<System.Text.Json.JsonElement>>(HttpStatusCode.OK);
            Assert.Empty(page.Items);
        }

        var runs = await Data.Admin.GetAsync($"/api/cron/runs?job={Uri.EscapeDataString(probe)}");
        Assert.True(runs.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"job={probe} answered {(int)runs.StatusCode}");
        Assert.Equal(1, (await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors", TestData.Json))!.TotalCount);
    }

    [Fact]
    public async Task Export_NeutralisesFormulaCellsAndQuotesSeparators()
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "=1+2;HYPERLINK(x)" }), HttpStatusCode.Created);

        var csv = await Data.Admin.GetStringAsync("/api/visits/export");

        var row = Csv.Parse(csv).Skip(1).Single();
        Assert.Equal("'=1+2;HYPERLINK(x)", row[3]);
        Assert.Contains("\"'=1+2;HYPERLINK(x)\"", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ann\u0000Null")]
    [InlineData("Line\r\nBreak")]
    [InlineData("<script>alert(1)</script>")]
    public async Task ControlCharactersAndMarkup_InANameAreRefusedOrStoredAsText(string name)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = name, phoneNumber = TestData.PhoneNumber() });

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
            Assert.Empty((await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors", TestData.Json))!.Items);
            return;
        }

        // Stored, it comes back as JSON text, never as markup: the API answers JSON only, under a CSP that runs nothing.
        var created = await response.ReadAsync<VisitorBody>(HttpStatusCode.Created);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('\0', created.FullName!);
    }

    [Fact]
    public async Task Credentials_NeverReachTheLog()
    {
        const string Password = "Sup3r-Secret-Passphrase!";
        var user = await (await Data.Admin.PostAsJsonAsync("/api/users", new { email = $"logged-{Guid.NewGuid():N}@example.com", fullName = "Logged User", role = "Receptionist", password = Password }))
            .ReadAsync<UserBody>(HttpStatusCode.Created);
        var login = await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = Password });
        var tokens = await login.ReadAsync<TokenPair>(HttpStatusCode.OK);
        await TestData.Expect(await Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = Password + "-wrong" }), HttpStatusCode.Unauthorized);
        await TestData.Expect(await Data.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.OK);
        // The request log line is written as the response completes, which may be after the client has it.
        await Factory.Logs.WaitForAsync(e => e.Properties.TryGetValue("Path", out var path) && path.ToString().Contains("/api/auth/refresh", StringComparison.Ordinal));

        var lines = Factory.Logs.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(' ', e.Properties.Values.Select(Render))).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.AccessToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.RefreshToken, line, StringComparison.Ordinal);
            Assert.DoesNotContain(user.Email, line, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static string Render(LogEventPropertyValue value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        value.Render(writer, formatProvider: CultureInfo.InvariantCulture);
        return writer.ToString();
    }

    private sealed record TokenPair(string AccessToken, string RefreshToken);
}
