using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>Production, a small global limit (for a 429), and <c>Server</c>/<c>X-Powered-By</c> added at the pipeline's entry.</summary>
public sealed class ProductionFactory : HardeningFactory
{
    public const int RateLimit = 5;

    public ProductionFactory()
    {
        EnvironmentName = "Production";
        EmulateFrameworkHeaders = true;
        Settings["RATE_LIMIT_MAX_REQUESTS"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["CRON_SECRET"] = "cron-secret-for-the-production-tests";
    }
}

public sealed class SecurityHeadersTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task Ok_CarriesEverySecurityHeader()
    {
        var response = await factory.ClientFrom(TestPeers.Next()).GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task NotFound_CarriesEverySecurityHeader()
    {
        var response = await factory.ClientFrom(TestPeers.Next()).GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Unauthorized_CarriesEverySecurityHeader()
    {
        var response = await factory.ClientFrom(TestPeers.Next()).GetAsync("/api/visits");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task TooManyRequests_CarriesEverySecurityHeader()
    {
        var client = factory.ClientFrom(TestPeers.Next());
        for (var i = 0; i < ProductionFactory.RateLimit; i++)
        {
            await client.GetAsync("/api/visits");
        }

        var response = await client.GetAsync("/api/visits");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ForcedServerError_CarriesEverySecurityHeader()
    {
        var response = await factory.ClientFrom(TestPeers.Next()).GetAsync(TestHooks.ThrowPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ForcedServerError_InProduction_ShowsAGenericDetailAndTheTraceIdButNoInternals()
    {
        var response = await factory.ClientFrom(TestPeers.Next()).GetAsync(TestHooks.ThrowPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        Assert.Equal(500, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("traceId").GetString()));
        Assert.Equal("An unexpected error occurred. Quote the traceId when you report it.", root.GetProperty("detail").GetString());
        Assert.False(root.TryGetProperty("exception", out _));
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestHooks.ExceptionMessage, body, StringComparison.Ordinal);
        Assert.DoesNotContain("db-internal", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrel_IsConfiguredNotToSendAServerHeader()
    {
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("0", Header(response, "X-XSS-Protection"));
        Assert.Null(Header(response, "Server"));
        Assert.Null(Header(response, "X-Powered-By"));
    }

    /// <summary>A header's value wherever HttpClient filed it (response or content headers), or null.</summary>
    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

/// <summary>Development: a forced 500 shows the exception, to the developer at the keyboard.</summary>
public sealed class DevelopmentFactory : HardeningFactory
{
    public DevelopmentFactory() => EnvironmentName = "Development";
}

public sealed class DevelopmentErrorTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task ForcedServerError_InDevelopment_IncludesTheException()
    {
        var response = await factory.CreateClient().GetAsync(TestHooks.ThrowPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains(typeof(InvalidOperationException).FullName!, detail, StringComparison.Ordinal);
        Assert.Contains(TestHooks.ExceptionMessage, detail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("traceId").GetString()));
        SecurityHeadersTests.AssertSecurityHeaders(response);
    }
}
