using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API9:2023 Improper Inventory Management: the service exposes exactly the endpoints of its contract (API.md), and no
/// development or debugging surface in Production. A new endpoint fails <see cref="MappedEndpoints_AreExactlyTheContractsInventory"/>
/// until it is in the contract and in <see cref="Inventory"/>.
/// </summary>
public sealed partial class Api9InventoryManagementTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    /// <summary>
    /// Every endpoint API.md documents, as "METHOD /path" ("*" where every method reaches it: the health probes and
    /// metrics; <c>POST /api/cron/tick</c> is the job <c>tick</c> of <c>POST /api/cron/{job}</c>), and the two the README
    /// adds to it: <c>GET /api/sites/{id}</c> and <c>GET /api/cron/{job}</c>.
    /// </summary>
    private static readonly string[] Inventory =
    [
        "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout", "POST /api/auth/password", "GET /api/auth/me",
        "POST /api/users", "GET /api/users", "GET /api/users/{id}", "PATCH /api/users/{id}", "GET /api/hosts",
        "POST /api/sites", "GET /api/sites", "GET /api/sites/{id}",
        "POST /api/visitors", "GET /api/visitors", "GET /api/visitors/{id}", "PUT /api/visitors/{id}", "DELETE /api/visitors/{id}",
        "POST /api/visitors/{id}/block", "POST /api/visitors/{id}/unblock", "PUT /api/visitors/{id}/photo", "GET /api/visitors/{id}/photo",
        "POST /api/visits", "GET /api/visits", "GET /api/visits/{id}", "GET /api/visits/on-site", "GET /api/visits/by-badge/{badgeCode}",
        "POST /api/visits/{id}/approve", "POST /api/visits/{id}/reject", "POST /api/visits/{id}/check-in", "POST /api/visits/{id}/check-out",
        "POST /api/visits/{id}/cancel", "GET /api/visits/export", "GET /api/visits/{id}/notifications",
        "GET /api/audit-logs",
        "GET /approve/{token}", "POST /api/public/approvals/{token}",
        "POST /api/cron/{job}", "GET /api/cron/{job}", "GET /api/cron/runs",
        "* /health", "* /health/live", "* /health/ready", "* /health/detailed", "* /metrics", "GET /openapi/{documentName}.json",
    ];

    [Fact]
    public void MappedEndpoints_AreExactlyTheContractsInventory()
    {
        var mapped = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} /{Constraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "}")}"))
            .Where(e => !e.StartsWith("OPTIONS ", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        var undocumented = mapped.Except(Inventory).Order().ToList();
        var missing = Inventory.Except(mapped).Order().ToList();
        Assert.True(undocumented.Count == 0 && missing.Count == 0,
            $"Mapped but not in the inventory: [{string.Join(", ", undocumented)}]; in the inventory but not mapped: [{string.Join(", ", missing)}]");
    }

    [Theory]
    [InlineData("/scalar")]
    [InlineData("/scalar/v1")]
    [InlineData("/swagger/index.html")]
    [InlineData("/.env")]
    [InlineData("/.git/config")]
    [InlineData("/api/debug")]
    [InlineData("/actuator/health")]
    [InlineData("/appsettings.json")]
    [InlineData("/CleanVisitors.Api.dll")]
    public async Task DevelopmentAndDebugSurfaces_AreAbsentInProduction(string path)
    {
        var response = await Data.Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A route constraint or default inside a placeholder (<c>{id:guid}</c>, <c>{job=tick}</c>), up to its closing brace.</summary>
    [GeneratedRegex(@"[:=?][^}]*\}")]
    private static partial Regex Constraint();
}
