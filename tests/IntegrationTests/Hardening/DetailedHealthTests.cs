using System.Net;
using System.Text.Json;
using CleanVisitors.Domain.Users;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

public sealed class DetailedHealthTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Checks = ["postgresql", "migrations", "memory", "whatsapp", "blob-storage"];
    private static readonly string[] Statuses = ["Healthy", "Degraded", "Unhealthy"];

    [Fact]
    public async Task Detailed_Anonymous_IsUnauthorized()
    {
        var response = await Factory.CreateClient().GetAsync("/health/detailed");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Detailed_AsReceptionist_IsForbidden()
    {
        var response = await (await Factory.ClientWithTokenAsync(UserRole.Receptionist)).GetAsync("/health/detailed");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Detailed_AsAdmin_ReportsEveryCheckWithStatusDurationAndDescription()
    {
        var response = await Data.Admin.GetAsync("/health/detailed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDetailedReportAsync(response);
    }

    /// <summary>The <c>AspNetCore.HealthChecks.UI.Client</c> report: overall status, and every check with its figures.</summary>
    internal static async Task AssertDetailedReportAsync(HttpResponseMessage response)
    {
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = report.RootElement;
        Assert.Contains(root.GetProperty("status").GetString(), Statuses);
        var entries = root.GetProperty("entries");
        foreach (var name in Checks)
        {
            Assert.True(entries.TryGetProperty(name, out var entry), $"No '{name}' entry in {root}");
            Assert.Contains(entry.GetProperty("status").GetString(), Statuses);
            Assert.True(TimeSpan.TryParse(entry.GetProperty("duration").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), $"'{name}' has no duration: {entry}");
            Assert.True(entry.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString()), $"'{name}' has no description: {entry}");
        }

        Assert.Equal("Healthy", entries.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", entries.GetProperty("migrations").GetProperty("status").GetString());
        Assert.Equal("Healthy", entries.GetProperty("blob-storage").GetProperty("status").GetString());
        // No WhatsApp settings in the tests: the check says so, and the whole report is at best Degraded.
        Assert.Equal("Degraded", entries.GetProperty("whatsapp").GetProperty("status").GetString());
        Assert.Equal("Degraded", root.GetProperty("status").GetString());
    }
}

public sealed class PublicHealthFactory : HardeningFactory
{
    public PublicHealthFactory() => Settings["HEALTH_DETAILED_PUBLIC"] = "true";
}

public sealed class PublicDetailedHealthTests(PublicHealthFactory factory) : IClassFixture<PublicHealthFactory>
{
    [Fact]
    public async Task Detailed_WhenPublic_AnswersAnonymousRequests()
    {
        var response = await factory.CreateClient().GetAsync("/health/detailed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await DetailedHealthTests.AssertDetailedReportAsync(response);
    }
}
