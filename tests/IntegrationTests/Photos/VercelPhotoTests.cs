using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Storage;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Photos;

/// <summary>Visitor photos through HTTP, stored in Vercel Blob (a local fake of its HTTP API) because BLOB_READ_WRITE_TOKEN is set.</summary>
[Collection(VercelPhotosCollection.Name)]
public sealed class VercelPhotoTests(VercelPhotosFixture fixture) : ApiTest(fixture.Factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Registration_WhenATokenIsSet_PicksTheVercelStore()
    {
        using var scope = Factory.Services.CreateScope();

        Assert.IsType<VercelBlobStore>(scope.ServiceProvider.GetRequiredService<IBlobStore>());
    }

    [Fact]
    public async Task Upload_PutsTheBytesWithTheBearerTokenAndTheDetectedType()
    {
        var visitor = await Data.VisitorAsync();
        var bytes = PhotoBytes.Png(1024);
        var before = fixture.Blob.Requests.Count;

        await TestData.Expect(await UploadAsync(visitor.Id, bytes), HttpStatusCode.NoContent);

        var put = Assert.Single(RequestsSince(before), r => r.Method == "PUT");
        var pathname = put.Query!["pathname"][0];
        Assert.StartsWith($"visitors/{visitor.Id}/", pathname, StringComparison.Ordinal);
        Assert.EndsWith(".png", pathname, StringComparison.Ordinal);
        Assert.Equal($"Bearer {VercelPhotosFixture.Token}", Header(put, "Authorization"));
        Assert.Equal(VercelBlobStore.ApiVersion, Header(put, "x-api-version"));
        Assert.Equal("image/png", Header(put, "x-content-type"));
        Assert.Equal("private", Header(put, "x-vercel-blob-access"));
        Assert.Equal("0", Header(put, "x-add-random-suffix"));
        Assert.Equal(bytes, put.BodyAsBytes);
        Assert.Equal(bytes, fixture.Blob.Bytes(pathname));
    }

    [Fact]
    public async Task Get_ReadsTheBytesBackFromTheStore()
    {
        var visitor = await Data.VisitorAsync();
        var bytes = PhotoBytes.WebP(2048);
        await TestData.Expect(await UploadAsync(visitor.Id, bytes), HttpStatusCode.NoContent);
        var before = fixture.Blob.Requests.Count;

        var response = await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}/photo");

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline; filename=\"visitor-photo.webp\"", response.Content.Headers.GetValues("Content-Disposition").Single());
        var download = Assert.Single(RequestsSince(before), r => r.Path.StartsWith("/files/", StringComparison.Ordinal));
        Assert.Equal($"Bearer {VercelPhotosFixture.Token}", Header(download, "Authorization"));
    }

    [Fact]
    public async Task Erase_CallsTheDeleteApiForThePhotoAndGetThenAnswers404()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await UploadAsync(visitor.Id, PhotoBytes.Jpeg()), HttpStatusCode.NoContent);
        var pathname = Assert.Single(fixture.Blob.Pathnames, p => p.Contains(visitor.Id.ToString(), StringComparison.Ordinal));
        var before = fixture.Blob.Requests.Count;

        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}"), HttpStatusCode.NoContent);

        // The photo goes through the outbox, after the erasure's commit. The fake logs a request only after answering
        // it, a moment after the file is gone: wait for both.
        await Eventually.UntilAsync(
            () => Task.FromResult((Stored: fixture.Blob.Bytes(pathname), Deletes: RequestsSince(before).Count(r => r.Path == "/delete"))),
            state => state.Stored is null && state.Deletes > 0, Patience, state => $"{pathname} stored: {state.Stored is not null}, delete calls logged: {state.Deletes}");
        var delete = Assert.Single(RequestsSince(before), r => r.Path == "/delete");
        Assert.Equal("POST", delete.Method);
        Assert.Equal($"Bearer {VercelPhotosFixture.Token}", Header(delete, "Authorization"));
        using var body = JsonDocument.Parse(delete.Body!);
        Assert.Equal([pathname], body.RootElement.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        Assert.Null(fixture.Blob.Bytes(pathname));
        Assert.Equal(HttpStatusCode.NotFound, (await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}/photo")).StatusCode);
    }

    [Fact]
    public async Task Erase_WhileTheStoreFails_Returns204AndTheFileGoesWhenTheStoreIsBack()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await UploadAsync(visitor.Id, PhotoBytes.Jpeg()), HttpStatusCode.NoContent);
        var pathname = Assert.Single(fixture.Blob.Pathnames, p => p.Contains(visitor.Id.ToString(), StringComparison.Ordinal));
        var before = fixture.Blob.Requests.Count;
        fixture.Blob.FailNextDeletes(3);

        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}"), HttpStatusCode.NoContent);

        Assert.True((await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{visitor.Id}", TestData.Json))!.IsErased);
        await Eventually.UntilAsync(
            () => Task.FromResult((Stored: fixture.Blob.Bytes(pathname), Deletes: RequestsSince(before).Count(r => r.Path == "/delete"))),
            state => state.Stored is null && state.Deletes >= 4, Patience, state => $"{pathname} stored: {state.Stored is not null}, delete calls logged: {state.Deletes}");
        Assert.True(RequestsSince(before).Count(r => r.Path == "/delete") >= 4);
    }

    [Fact]
    public async Task Upload_WhenAPhotoExists_DeletesTheOldBlob()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await UploadAsync(visitor.Id, PhotoBytes.Jpeg()), HttpStatusCode.NoContent);
        var first = Assert.Single(fixture.Blob.Pathnames, p => p.Contains(visitor.Id.ToString(), StringComparison.Ordinal));

        await TestData.Expect(await UploadAsync(visitor.Id, PhotoBytes.Png()), HttpStatusCode.NoContent);

        Assert.Null(fixture.Blob.Bytes(first));
        Assert.EndsWith(".png", Assert.Single(fixture.Blob.Pathnames, p => p.Contains(visitor.Id.ToString(), StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> UploadAsync(Guid visitorId, byte[] bytes) =>
        Data.Admin.PutAsync($"/api/visitors/{visitorId}/photo", PhotoBytes.Form(bytes));

    private List<WireMock.IRequestMessage> RequestsSince(int index) => fixture.Blob.Requests.Skip(index).ToList();

    private static string? Header(WireMock.IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
