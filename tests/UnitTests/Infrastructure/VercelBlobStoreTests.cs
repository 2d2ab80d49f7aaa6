using System.Net;
using System.Text;
using CleanVisitors.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Infrastructure;

/// <summary>The parts of the Vercel store the local fake cannot reach: where the token may go, and failures.</summary>
public sealed class VercelBlobStoreTests
{
    private const string Token = "vercel_blob_rw_store_secret";

    [Theory]
    [InlineData("https://abc123.private.blob.vercel-storage.com/visitors/v/p.jpg", true)]
    [InlineData("https://blob.example.test/visitors/v/p.jpg", true)] // the configured API's own host
    [InlineData("https://attacker.example/visitors/v/p.jpg", false)]
    [InlineData("http://abc123.private.blob.vercel-storage.com/visitors/v/p.jpg", false)] // never in clear text
    [InlineData("https://blob.vercel-storage.com.attacker.example/p.jpg", false)]
    public async Task OpenRead_SendsTheTokenOnlyToVercelOrTheConfiguredApi(string downloadUrl, bool expectToken)
    {
        var handler = new StubHandler(request => request.RequestUri!.Query.StartsWith("?url=", StringComparison.Ordinal)
            ? Json($$"""{"url":"{{downloadUrl}}","contentType":"image/jpeg"}""")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([0xFF, 0xD8, 0xFF]) });
        var store = Store(handler);

        var blob = await store.OpenReadAsync("visitors/v/p.jpg", CancellationToken.None);

        Assert.NotNull(blob);
        await blob.Content.DisposeAsync();
        var download = handler.Requests[^1];
        Assert.Equal(downloadUrl, download.RequestUri!.AbsoluteUri);
        Assert.Equal(expectToken, download.Headers.Authorization is { Scheme: "Bearer", Parameter: Token });
    }

    [Fact]
    public async Task OpenRead_WhenTheApiDoesNotKnowTheBlob_ReturnsNull()
    {
        var store = Store(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));

        Assert.Null(await store.OpenReadAsync("visitors/v/p.jpg", CancellationToken.None));
    }

    [Fact]
    public async Task Delete_WhenTheApiFails_ThrowsNamingTheKeyButNotTheToken()
    {
        var store = Store(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => store.DeleteAsync("visitors/v/p.jpg", CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("visitors/v/p.jpg", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_AddressesThePathnameBeneathTheConfiguredApiPath()
    {
        var handler = new StubHandler(_ => Json("""{"url":"https://x.blob.vercel-storage.com/a/b.png","pathname":"a/b.png"}"""));
        var store = Store(handler, "https://blob.example.test/api/blob");

        var key = await store.PutAsync("a/b.png", new MemoryStream([1]), "image/png", CancellationToken.None);

        Assert.Equal("a/b.png", key);
        Assert.Equal("https://blob.example.test/api/blob/?pathname=a%2Fb.png", handler.Requests[0].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Put_WhenTheStoreRenamesTheBlobToAnUnsafePathname_Throws()
    {
        var store = Store(new StubHandler(_ => Json("""{"url":"https://x.blob.vercel-storage.com/a/B.png","pathname":"../B.png"}""")));

        await Assert.ThrowsAsync<HttpRequestException>(() => store.PutAsync("a/b.png", new MemoryStream([1]), "image/png", CancellationToken.None));
    }

    private static VercelBlobStore Store(StubHandler handler, string apiUrl = "https://blob.example.test") =>
        new(new HttpClient(handler), Options.Create(new BlobStorageOptions { Token = Token, ApiUrl = apiUrl }));

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer(request));
        }
    }
}
