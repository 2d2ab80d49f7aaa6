using System.Net;
using System.Net.Http.Json;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Infrastructure.Persistence.Interceptors;
using CleanVisitors.IntegrationTests.Infrastructure;
using Serilog.Events;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>
/// Every request slow (over 1 ms), every database command slow (over 0 ms), a performance report every second.
/// </summary>
public sealed class MonitoringFactory : HardeningFactory
{
    public MonitoringFactory()
    {
        Settings["SLOW_REQUEST_THRESHOLD_MS"] = "1";
        Settings["SLOW_QUERY_THRESHOLD_MS"] = "0";
        Settings["PERFORMANCE_REPORT_INTERVAL_SECONDS"] = "1";
    }
}

public sealed class MonitoringTests(MonitoringFactory factory) : IClassFixture<MonitoringFactory>
{
    /// <summary>
    /// OpenTelemetry semantic-convention instruments in seconds, and the service's own that operators alert on
    /// (issue 12); deploy/prometheus's rules and the Grafana dashboard use these names.
    /// </summary>
    private static readonly string[] MetricNames =
    [
        "http_server_request_duration_seconds_bucket",
        "db_client_operation_duration_seconds_bucket",
        "cleanvisitors_handler_duration_seconds_bucket",
        "cleanvisitors_ready",
        "cleanvisitors_outbox_backlog",
        "cleanvisitors_outbox_oldest_age_seconds",
    ];

    /// <summary>The hand-made duplicates of the built-in request and database meters, in milliseconds: gone.</summary>
    private static readonly string[] DroppedNames =
    [
        "cleanvisitors_http_requests",
        "cleanvisitors_http_duration",
        "cleanvisitors_http_errors",
        "cleanvisitors_http_slow_requests",
        "cleanvisitors_db_command_duration",
    ];

    [Fact]
    public async Task SlowRequest_IsLoggedOnceAtWarningAndFlaggedSlow()
    {
        var path = $"{TestHooks.SlowPath}/{Guid.NewGuid():N}";
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await factory.Logs.WaitForAsync(e => IsRequestEvent(e, path));
        var events = factory.Logs.Events.Where(e => IsRequestEvent(e, path)).ToList();
        var slow = Assert.Single(events);
        Assert.Equal(LogEventLevel.Warning, slow.Level);
        Assert.StartsWith("Slow request", slow.MessageTemplate.Text, StringComparison.Ordinal);
        Assert.Equal(1, Scalar<int>(slow, "SlowThresholdMs"));
        Assert.True(Scalar<double>(slow, "ElapsedMs") > 1);
        Assert.Equal(200, Scalar<int>(slow, "StatusCode"));
        Assert.Equal("GET", Scalar<string>(slow, "Method"));
    }

    [Fact]
    public async Task Metrics_ExposeRequestDatabaseAndAspNetCoreInstruments()
    {
        var admin = await factory.AdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/visits")).StatusCode);
        var client = factory.ManagementClient();

        // The exporter caches a scrape briefly: scrape until what the requests above recorded shows, or the deadline passes.
        var metrics = await Eventually.LastAsync(
            () => ScrapeAsync(client), scraped => MetricNames.All(name => scraped.Contains(name, StringComparison.Ordinal)), TimeSpan.FromSeconds(60));

        foreach (var name in MetricNames)
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }

        Assert.All(DroppedNames, name => Assert.DoesNotContain(name, metrics, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PerformanceReport_ArrivesWithRequestsErrorRatePercentilesAndSlowestRoutes()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TestHooks.SlowPath)).StatusCode);

        var report = await factory.Logs.WaitForAsync(
            e => IsFrom<PerformanceReporter>(e) && Scalar<long>(e, "Requests") > 0,
            TimeSpan.FromSeconds(10));

        Assert.Equal(LogEventLevel.Information, report.Level);
        Assert.InRange(Scalar<double>(report, "ErrorRate"), 0, 1);
        var p50 = Scalar<double>(report, "P50Ms");
        var p95 = Scalar<double>(report, "P95Ms");
        var p99 = Scalar<double>(report, "P99Ms");
        Assert.True(p50 <= p95 && p95 <= p99, $"p50 {p50}, p95 {p95}, p99 {p99}");
        Assert.True(report.Properties.TryGetValue("SlowestRoutes", out var slowestRoutes), $"No SlowestRoutes in {report.Properties.Keys.Aggregate((a, b) => a + ", " + b)}");
        var routes = Assert.IsType<SequenceValue>(slowestRoutes);
        Assert.InRange(routes.Elements.Count, 1, 5);
        var averages = routes.Elements.Select(route =>
        {
            var structure = Assert.IsType<StructureValue>(route);
            Assert.Null(structure.TypeTag); // no "$type":"RouteSummary" in the JSON line
            Assert.Contains(structure.Properties, p => p.Name == "Route");
            Assert.Contains(structure.Properties, p => p.Name == "Count");
            Assert.Contains(structure.Properties, p => p.Name == "MaxMs");
            return Convert.ToDouble(((ScalarValue)structure.Properties.Single(p => p.Name == "AverageMs").Value).Value, System.Globalization.CultureInfo.InvariantCulture);
        }).ToList();
        Assert.Equal(averages.OrderByDescending(a => a), averages);
        // As the Production console prints it: the routes as JSON objects, under the template's name.
        Assert.Contains(factory.Logs.Lines, line => line.Contains("\"@mt\":\"Performance over", StringComparison.Ordinal)
            && line.Contains("\"SlowestRoutes\":[{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlowQuery_IsLoggedWithItsSqlButNeverAParameterValue()
    {
        const string name = "Quentin Zebrowski-Marmaduke";
        var admin = await factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/visitors", new { fullName = name, phoneNumber = TestData.PhoneNumber(), company = "Xylophonic Widgets" });

        await TestData.Expect(response, HttpStatusCode.Created);
        var insert = await factory.Logs.WaitForAsync(e => IsSlowQuery(e) && Scalar<string>(e, "Sql").Contains("INSERT INTO visitors", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(LogEventLevel.Warning, insert.Level);
        Assert.Contains("@", Scalar<string>(insert, "Sql"), StringComparison.Ordinal);
        // Each slow-query event as the Production console prints it: message, template and every property.
        var slowQueryLines = factory.Logs.Lines.Where(line => line.Contains("\"Slow database", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(slowQueryLines);
        Assert.All(slowQueryLines, line =>
        {
            Assert.DoesNotContain("Zebrowski", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Xylophonic", line, StringComparison.Ordinal);
        });
    }

    private static bool IsRequestEvent(LogEvent e, string path) =>
        IsFrom<RequestLoggingMiddleware>(e) && e.Properties.TryGetValue("Path", out var value) && value is ScalarValue { Value: string p } && p == path;

    private static bool IsSlowQuery(LogEvent e) => IsFrom<CommandTimingInterceptor>(e) && e.Properties.ContainsKey("Sql");

    private static bool IsFrom<T>(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var context) && context is ScalarValue { Value: string source } && source == typeof(T).FullName;

    private static T Scalar<T>(LogEvent e, string property)
    {
        Assert.True(e.Properties.TryGetValue(property, out var value), $"The event has no {property}: {e.MessageTemplate}");
        var scalar = Assert.IsType<ScalarValue>(value);
        return (T)Convert.ChangeType(scalar.Value, typeof(T), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Metrics_AreServedOnTheManagementPortOnly()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/metrics")).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"localhost:{HardeningFactory.ManagementPortNumber}";
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().SendAsync(spoofed)).StatusCode);

        var management = factory.ManagementClient();
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/api/visits")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/openapi/v1.json")).StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
