using System.Net;
using static CleanVisitors.IntegrationTests.Hardening.SecurityHeadersTests;

namespace CleanVisitors.IntegrationTests.Hardening;

public sealed class CorsFactory : HardeningFactory
{
    public const string Desk = "https://desk.example.com";
    public const string Host = "https://host.example.com";

    public CorsFactory() => Settings["CORS_ORIGIN"] = $"{Desk}, {Host}";
}

public sealed class CorsTests(CorsFactory factory) : IClassFixture<CorsFactory>
{
    private const string Elsewhere = "https://evil.example.net";

    [Theory]
    [InlineData(CorsFactory.Desk)]
    [InlineData(CorsFactory.Host)]
    public async Task SimpleRequest_FromAnAllowedOrigin_IsAllowed(string origin)
    {
        var response = await Send(HttpMethod.Get, "/health", origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        var exposed = Header(response, "Access-Control-Expose-Headers");
        foreach (var header in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "Location", "Content-Disposition" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(CorsFactory.Desk)]
    [InlineData(CorsFactory.Host)]
    public async Task Preflight_FromAnAllowedOrigin_IsAllowed(string origin)
    {
        var response = await Send(HttpMethod.Options, "/api/visits", origin, preflight: true);

        Assert.True(response.IsSuccessStatusCode, $"Preflight answered {(int)response.StatusCode}.");
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SimpleRequest_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        var response = await Send(HttpMethod.Get, "/health", Elsewhere);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoCorsHeaders(response);
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        var response = await Send(HttpMethod.Options, "/api/visits", Elsewhere, preflight: true);

        AssertNoCorsHeaders(response);
    }

    private static void AssertNoCorsHeaders(HttpResponseMessage response)
    {
        var cors = response.Headers.Concat(response.Content.Headers)
            .Select(h => h.Key)
            .Where(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(cors);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string origin, bool preflight = false)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        if (preflight)
        {
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        }

        return factory.CreateClient().SendAsync(request);
    }
}
