using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanVisitors.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Storage;

/// <summary>
/// Blobs in Vercel Blob, through its HTTP API, as the <c>@vercel/blob</c> 2.x SDK calls it. Every request carries
/// <c>Authorization: Bearer {BLOB_READ_WRITE_TOKEN}</c> and <c>x-api-version: 12</c>; the key is the blob's pathname.
/// <list type="bullet">
/// <item>put: <c>PUT {api}/?pathname={key}</c>, the bytes as the body, with <c>x-vercel-blob-access: {BLOB_ACCESS}</c>,
/// <c>x-content-type: {detected type}</c> and <c>x-add-random-suffix: 0</c> (our key is already unique) → 200
/// <c>{url, downloadUrl, pathname, contentType, contentDisposition}</c>; the returned <c>pathname</c> is the key kept.</item>
/// <item>read: <c>GET {api}/?url={key}</c> (the SDK's <c>head</c>) → 200 <c>{url, contentType, ...}</c> or 404; then
/// <c>GET {url}</c> for the bytes, with the bearer token (a private store requires it), sent only to the API's
/// own host or a <c>*.blob.vercel-storage.com</c> host.</item>
/// <item>delete: <c>POST {api}/delete</c> with <c>{"urls": ["{key}"]}</c> → 200 (a missing blob is no error).</item>
/// </list>
/// Any other answer is an <see cref="HttpRequestException"/> naming the operation, the key and the status, never the token.
/// </summary>
public sealed class VercelBlobStore(HttpClient http, IOptions<BlobStorageOptions> options) : IBlobStore
{
    public const string ApiVersion = "12";

    private readonly BlobStorageOptions _options = options.Value;
    private readonly Uri _apiUrl = new(options.Value.ApiUrl);

    public async Task<string> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        EnsureSafe(key);
        using var request = Request(HttpMethod.Put, "?pathname=" + Uri.EscapeDataString(key));
        request.Headers.Add("x-vercel-blob-access", _options.Access);
        request.Headers.Add("x-content-type", contentType);
        request.Headers.Add("x-add-random-suffix", "0");
        request.Content = new StreamContent(content);
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "storing", key);
        var blob = await response.Content.ReadFromJsonAsync<BlobResponse>(cancellationToken);
        var stored = blob?.Pathname ?? key;
        return BlobKey.IsSafe(stored)
            ? stored
            : throw new HttpRequestException($"Vercel Blob stored {key} under a pathname this service cannot keep.");
    }

    public async Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        EnsureSafe(key);
        BlobResponse? blob;
        using (var head = Request(HttpMethod.Get, "?url=" + Uri.EscapeDataString(key)))
        using (var response = await http.SendAsync(head, cancellationToken))
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            EnsureSuccess(response, "looking up", key);
            blob = await response.Content.ReadFromJsonAsync<BlobResponse>(cancellationToken);
        }

        if (blob?.Url is not { } url)
        {
            throw new HttpRequestException($"Vercel Blob answered no URL for {key}.");
        }

        using var download = new HttpRequestMessage(HttpMethod.Get, url);
        if (MayReceiveToken(url))
        {
            download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        }

        var bytes = await http.SendAsync(download, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (bytes.StatusCode == HttpStatusCode.NotFound)
        {
            bytes.Dispose();
            return null;
        }

        EnsureSuccess(bytes, "reading", key);
        var contentType = bytes.Content.Headers.ContentType?.MediaType ?? blob.ContentType ?? "application/octet-stream";
        return new BlobContent(new ResponseStream(bytes, await bytes.Content.ReadAsStreamAsync(cancellationToken)), contentType);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        EnsureSafe(key);
        using var request = Request(HttpMethod.Post, "delete");
        request.Content = JsonContent.Create(new { urls = new[] { key } });
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "deleting", key);
    }

    private HttpRequestMessage Request(HttpMethod method, string relativeUri)
    {
        var request = new HttpRequestMessage(method, new Uri(ApiBase, relativeUri));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        request.Headers.Add("x-api-version", ApiVersion);
        return request;
    }

    /// <summary>The API URL with a trailing slash, so <c>delete</c> and <c>?pathname=</c> resolve beneath it.</summary>
    private Uri ApiBase => new(_apiUrl.AbsoluteUri.TrimEnd('/') + "/");

    private bool MayReceiveToken(Uri url) =>
        (url.Scheme == _apiUrl.Scheme && url.Authority == _apiUrl.Authority)
        || (url.Scheme == Uri.UriSchemeHttps && url.Host.EndsWith(".blob.vercel-storage.com", StringComparison.OrdinalIgnoreCase));

    private static void EnsureSafe(string key)
    {
        if (!BlobKey.IsSafe(key))
        {
            throw new ArgumentException("The blob key is not of the safe shape.", nameof(key));
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, string operation, string key)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        response.Dispose();
        throw new HttpRequestException($"Vercel Blob answered {(int)response.StatusCode} when {operation} {key}.", null, response.StatusCode);
    }

    private sealed record BlobResponse(Uri? Url, string? Pathname, string? ContentType);

    /// <summary>The download's body; disposing it also releases the response (and its connection).</summary>
    private sealed class ResponseStream(HttpResponseMessage response, Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
