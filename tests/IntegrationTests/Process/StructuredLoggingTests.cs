using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>Issue 3 §1 and §6 on the real process: what reaches stdout, in each environment and at each level.</summary>
[Trait(TestTier.Name, TestTier.Slow)]
public sealed partial class StructuredLoggingTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>
{
    private static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    [Fact]
    public async Task Production_EveryStdoutLineIsAJsonEvent_AndTheRequestEventCarriesTheRequestFields()
    {
        await using var api = ApiProcess.Start(ProcessSettings.ValidProduction(database.ConnectionString));
        await api.WaitUntilReadyAsync();
        using var admin = await ProcessRun.SignInAsAdminAsync(api);
        var created = await admin.Client.PostAsJsonAsync("/api/visitors", new { fullName = "Logan Lines", phoneNumber = TestData.PhoneNumber() });
        await TestData.Expect(created, HttpStatusCode.Created);
        var visitor = (await created.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json))!;

        // The caller's trace context is continued, so the event can be found by its trace id.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/visitors/{visitor.Id}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await admin.Client.SendAsync(request);
        await TestData.Expect(response, HttpStatusCode.OK);
        var responseBytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(await api.WaitForLineAsync(line => line.Contains(traceId, StringComparison.Ordinal), TimeSpan.FromSeconds(30)), api.Output);
        api.Signal("TERM");
        Assert.Equal(0, await api.WaitForExitAsync(ProcessRun.ExitTimeout));

        var events = ProcessRun.JsonEvents(api);
        Assert.NotEmpty(events);
        foreach (var logEvent in events)
        {
            var timestamp = logEvent.Text("@t");
            Assert.NotNull(timestamp);
            Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).Offset);
            Assert.Contains(logEvent.Level(), Levels);
            Assert.False(string.IsNullOrEmpty(logEvent.Text("@mt")), logEvent.ToString());
            Assert.False(string.IsNullOrEmpty(logEvent.Text("@m")), logEvent.ToString());
            Assert.Equal("Production", logEvent.Text("Environment"));
            Assert.False(string.IsNullOrEmpty(logEvent.Text("AppVersion")), logEvent.ToString());
        }

        Assert.Contains(events, e => e.Level() == "Information");
        var requestEvent = Assert.Single(events, e => e.Text("trace_id") == traceId && e.Text("Path") == $"/api/visitors/{visitor.Id}");
        Assert.Equal("Information", requestEvent.Level());
        Assert.Equal("GET", requestEvent.Text("Method"));
        Assert.Equal("api/visitors/{id}", requestEvent.Text("Route"));
        Assert.Equal(200, requestEvent.GetProperty("StatusCode").GetInt32());
        Assert.InRange(requestEvent.GetProperty("ElapsedMs").GetDouble(), 0, 10_000);
        Assert.Equal(admin.UserId.ToString(), requestEvent.Text("UserId"));
        Assert.Equal("127.0.0.1", requestEvent.Text("ClientIp"));
        Assert.False(string.IsNullOrEmpty(requestEvent.Text("RequestId")), requestEvent.ToString());
        Assert.Equal(responseBytes, requestEvent.GetProperty("ResponseSize").GetInt64());
        Assert.Empty(api.StandardErrorLines);
    }

    [Fact]
    public async Task Development_ConsoleIsReadableText()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DATABASE_URL"] = database.ConnectionString,
            ["JWT_SECRET"] = ProcessSettings.RandomSecret(48),
        };

        await using var api = ApiProcess.Start(settings);
        await api.WaitUntilReadyAsync();
        Assert.True(await api.WaitForLineAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), api.Output);
        api.Signal("TERM");
        Assert.Equal(0, await api.WaitForExitAsync(ProcessRun.ExitTimeout));

        Assert.Contains(api.StandardOutputLines, line => TextLine().IsMatch(line) && line.Contains("INF] Now listening on: http://", StringComparison.Ordinal));
        Assert.DoesNotContain(api.StandardOutputLines, line => line.TrimStart().StartsWith('{'));
    }

    [Fact]
    public async Task LogLevelWarning_SuppressesInformationEvents()
    {
        var settings = ProcessSettings.ValidProduction(database.ConnectionString).With("LOG_LEVEL", "Warning");

        await using var api = ApiProcess.Start(settings);
        await api.WaitUntilReadyAsync();
        using var admin = await ProcessRun.SignInAsAdminAsync(api); // its request event would be Information

        api.Signal("TERM");
        Assert.Equal(0, await api.WaitForExitAsync(ProcessRun.ExitTimeout));

        var events = ProcessRun.JsonEvents(api);
        Assert.Contains(events, e => e.Level() == "Warning" && e.Text("ConfigurationWarning") is not null);
        Assert.DoesNotContain(events, e => e.Level() is "Information" or "Debug" or "Verbose");
    }

    [GeneratedRegex(@"^\[\d{2}:\d{2}:\d{2} (VRB|DBG|INF|WRN|ERR|FTL)\] ")]
    private static partial Regex TextLine();
}
