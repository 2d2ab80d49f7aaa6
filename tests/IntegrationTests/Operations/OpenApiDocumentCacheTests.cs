using System.Net;
using System.Net.Http.Headers;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// The OpenAPI document is generated once per process: the endpoint is anonymous and not rate limited, and generating it
/// costs about 130 ms of CPU, so no request, whatever its headers or query, may make the service generate it again.
/// </summary>
[Collection(ApiContractCollection.Name)]
public sealed class OpenApiDocumentCacheTests(ApiFactory factory)
{
    [Fact]
    public async Task Document_IsGeneratedOnce_WhateverTheRequestsCarry()
    {
        var generated = 0;
        await using var counted = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((_, _, _) =>
            {
                Interlocked.Increment(ref generated);
                return Task.CompletedTask;
            }))));
        using var client = counted.CreateClient();

        var first = await DocumentAsync(client, new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json"));
        var variants = new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json"),
            new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json?nocache=1"),
            new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { Host = "elsewhere.example.com" } },
            new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token") } },
            new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { CacheControl = new CacheControlHeaderValue { NoCache = true } } },
        };
        foreach (var request in variants)
        {
            Assert.Equal(first, await DocumentAsync(client, request));
        }

        Assert.Equal(1, Volatile.Read(ref generated));
    }

    private static async Task<string> DocumentAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            await TestData.Expect(response, HttpStatusCode.OK);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync();
        }
    }
}
