using System.Collections.Concurrent;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CleanVisitors.IntegrationTests.Photos;

/// <summary>
/// A local stand-in for Vercel Blob's HTTP API (WireMock.Net), holding blobs in memory: <c>PUT /?pathname=</c> stores,
/// <c>GET /?url=</c> answers the blob's metadata, <c>GET /files/{pathname}</c> its bytes, <c>POST /delete</c> removes.
/// Every call without the expected bearer token is refused with 403, as the real API does.
/// </summary>
public sealed class FakeVercelBlob : IDisposable
{
    private readonly string _token;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _blobs = new(StringComparer.Ordinal);
    private int _failingDeletes;

    public FakeVercelBlob(string token)
    {
        _token = token;
        Server = WireMockServer.Start();
        Server.Given(Request.Create().UsingPut().WithPath("/").WithParam("pathname")).RespondWith(Response.Create().WithCallback(Put));
        Server.Given(Request.Create().UsingGet().WithPath("/").WithParam("url")).RespondWith(Response.Create().WithCallback(Head));
        Server.Given(Request.Create().UsingGet().WithPath(p => p.StartsWith("/files/", StringComparison.Ordinal))).RespondWith(Response.Create().WithCallback(Download));
        Server.Given(Request.Create().UsingPost().WithPath("/delete")).RespondWith(Response.Create().WithCallback(Delete));
    }

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    public IReadOnlyCollection<string> Pathnames => _blobs.Keys.ToList();

    public byte[]? Bytes(string pathname) => _blobs.TryGetValue(pathname, out var blob) ? blob.Bytes : null;

    /// <summary>The requests received, oldest first.</summary>
    public IReadOnlyList<IRequestMessage> Requests => Server.LogEntries.Select(e => e.RequestMessage).ToList();

    /// <summary>The next <paramref name="count"/> delete calls answer 503, as a store in an outage does.</summary>
    public void FailNextDeletes(int count) => Interlocked.Exchange(ref _failingDeletes, count);

    public void Dispose() => Server.Stop();

    private ResponseMessage Put(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Forbidden();
        }

        var pathname = request.Query!["pathname"][0];
        var contentType = Header(request, "x-content-type") ?? "application/octet-stream";
        _blobs[pathname] = (request.BodyAsBytes ?? [], contentType);
        return Json(new { url = BlobUrl(pathname), downloadUrl = BlobUrl(pathname) + "?download=1", pathname, contentType, contentDisposition = "inline" });
    }

    private ResponseMessage Head(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Forbidden();
        }

        var pathname = request.Query!["url"][0];
        return _blobs.TryGetValue(pathname, out var blob)
            ? Json(new { url = BlobUrl(pathname), pathname, contentType = blob.ContentType, size = blob.Bytes.Length })
            : Error(404, "not_found");
    }

    private ResponseMessage Download(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Forbidden();
        }

        var pathname = request.Path["/files/".Length..];
        if (!_blobs.TryGetValue(pathname, out var blob))
        {
            return Error(404, "not_found");
        }

        var response = new ResponseMessage { StatusCode = 200, BodyData = new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = blob.Bytes } };
        response.AddHeader("Content-Type", blob.ContentType);
        return response;
    }

    private ResponseMessage Delete(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Forbidden();
        }

        if (Interlocked.Decrement(ref _failingDeletes) >= 0)
        {
            return Error(503, "service_unavailable");
        }

        using var body = JsonDocument.Parse(request.Body!);
        foreach (var url in body.RootElement.GetProperty("urls").EnumerateArray())
        {
            _blobs.TryRemove(url.GetString()!, out _);
        }

        return Json(new { });
    }

    private string BlobUrl(string pathname) => $"{Url}/files/{pathname}";

    private bool Authorized(IRequestMessage request) => Header(request, "Authorization") == $"Bearer {_token}";

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static ResponseMessage Forbidden() => Error(403, "forbidden");

    private static ResponseMessage Error(int status, string code) => Json(new { error = new { code, message = code } }, status);

    private static ResponseMessage Json(object body, int status = 200)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = JsonSerializer.Serialize(body) },
        };
        response.AddHeader("Content-Type", "application/json");
        return response;
    }
}
