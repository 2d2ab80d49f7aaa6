using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Photos;

/// <summary>
/// The photo size limits on a real Kestrel server (the in-process test server enforces no body limits of its own):
/// the endpoint's 5 MB limit replaces the global 1 MB one, with and without a Content-Length.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
[Collection(LocalPhotosCollection.Name)]
public sealed class KestrelPhotoLimitTests(LocalPhotosFixture fixture) : ApiTest(fixture.Factory), IAsyncLifetime
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    private ApiProcess? _api;

    [Fact]
    public async Task Upload_OnKestrel_Accepts5MbAndRefusesMoreWithOrWithoutAContentLength()
    {
        var visitor = await Data.VisitorAsync();
        using var client = await SignedInClientAsync();
        var bytes = PhotoBytes.Jpeg(FiveMegabytes);

        var exact = await client.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(bytes));
        await TestData.Expect(exact, HttpStatusCode.NoContent);
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/api/visitors/{visitor.Id}/photo"));

        var overByOne = await client.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Png(FiveMegabytes + 1)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overByOne.StatusCode);

        // Without a Content-Length the server learns the size only while reading: it answers 413 at the limit and closes
        // the connection. The client, still writing the rest, may see that close (a broken pipe) before it reads the
        // answer; on a busy machine it sometimes does. Either way the upload is refused, which the last line checks.
        try
        {
            var chunked = await client.PutAsync($"/api/visitors/{visitor.Id}/photo", ChunkedForm(PhotoBytes.Png(6 * 1024 * 1024)));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
            Assert.Equal("application/problem+json", chunked.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
            // The server closed the connection on the refused body before the client read its 413.
        }

        // The 5 MB photo is still the one kept.
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/api/visitors/{visitor.Id}/photo"));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _api = ApiProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DATABASE_URL"] = Factory.ConnectionString,
            ["JWT_SECRET"] = ApiFactory.JwtSecret,
            ["ADMIN_EMAIL"] = ApiFactory.AdminEmail,
            ["ADMIN_PASSWORD"] = ApiFactory.AdminPassword,
            ["BLOB_STORAGE_PATH"] = fixture.BlobRoot,
            ["RATE_LIMIT_MAX_REQUESTS"] = "1000000",
            ["AUTH_RATE_LIMIT_MAX_REQUESTS"] = "1000000",
        });
        await _api.WaitUntilReadyAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = _api!.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        await TestData.Expect(login, HttpStatusCode.OK);
        var token = (await login.Content.ReadFromJsonAsync<LoginBody>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A form whose length is unknown up front, so it travels with <c>Transfer-Encoding: chunked</c>.</summary>
    private static MultipartFormDataContent ChunkedForm(byte[] bytes)
    {
        var file = new StreamContent(new UnknownLengthStream(bytes));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "photo.png" } };
    }

    private sealed record LoginBody(string AccessToken);

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
