using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API10:2023 Unsafe Consumption of APIs: the service's clients of third-party APIs (the WhatsApp provider, Vercel Blob),
/// as the service registers them, do not follow a redirect the provider answers. Followed, a compromised or spoofed
/// provider would have the message (a phone number, a name, an approval link) or a photo re-sent to a host of its
/// choosing.
/// </summary>
[Trait("Category", "Security")]
public sealed class Api10UnsafeConsumptionTests : IDisposable
{
    private readonly WireMockServer _provider = WireMockServer.Start();
    private readonly WireMockServer _elsewhere = WireMockServer.Start();
    private readonly List<ServiceProvider> _services = [];

    public Api10UnsafeConsumptionTests()
    {
        _provider.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", _elsewhere.Url + "/collect"));
        _elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
    }

    [Fact]
    public async Task WhatsAppClient_DoesNotFollowAProvidersRedirect()
    {
        var sender = Services(new()
        {
            ["WHATSAPP_API_URL"] = _provider.Url + "/v1",
            ["WHATSAPP_API_TOKEN"] = "provider-token",
            ["WHATSAPP_HTTP_RETRIES"] = "0",
        }).GetRequiredService<INotificationSender>();

        var outcome = await sender.SendAsync(Guid.NewGuid(), "+14155550123", "Hanna Host: approve Vera Visitor at https://x.example/approve/abc");

        Assert.False(outcome.Succeeded);
        Assert.Single(_provider.LogEntries);
        Assert.Empty(_elsewhere.LogEntries);
    }

    [Fact]
    public async Task BlobStoreClient_DoesNotFollowAStoresRedirect()
    {
        var blobs = Services(new()
        {
            ["BLOB_READ_WRITE_TOKEN"] = "vercel_blob_rw_store_0123456789abcdef",
            ["BLOB_API_URL"] = _provider.Url,
        }).GetRequiredService<IBlobStore>();

        using var photo = new MemoryStream(Photos.PhotoBytes.Jpeg());
        await Assert.ThrowsAnyAsync<Exception>(() => blobs.PutAsync("visitors/redirect/photo.jpg", photo, "image/jpeg", CancellationToken.None));

        Assert.NotEmpty(_provider.LogEntries);
        Assert.Empty(_elsewhere.LogEntries);
    }

    [Fact]
    public async Task BlobStoreClient_DoesNotFollowARedirectOnADownload()
    {
        var blobs = Services(new()
        {
            ["BLOB_READ_WRITE_TOKEN"] = "vercel_blob_rw_store_0123456789abcdef",
            ["BLOB_API_URL"] = _provider.Url,
        }).GetRequiredService<IBlobStore>();

        await Assert.ThrowsAnyAsync<Exception>(() => blobs.OpenReadAsync("visitors/redirect/photo.jpg", CancellationToken.None));

        Assert.NotEmpty(_provider.LogEntries);
        Assert.Empty(_elsewhere.LogEntries);
    }

    public void Dispose()
    {
        foreach (var provider in _services)
        {
            provider.Dispose();
        }

        _provider.Stop();
        _elsewhere.Stop();
    }

    /// <summary>The infrastructure as the service registers it, pointed at the stand-in provider.</summary>
    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var provider = InfrastructureServices.Build(settings);
        _services.Add(provider);
        return provider;
    }
}
