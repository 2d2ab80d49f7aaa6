using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Photos;

/// <summary>Visitor photos through HTTP, stored on local disk (<c>BLOB_STORAGE_PATH</c>).</summary>
[Collection(LocalPhotosCollection.Name)]
public sealed partial class LocalPhotoTests(LocalPhotosFixture fixture) : ApiTest(fixture.Factory)
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    [Theory]
    [InlineData("jpeg", "image/jpeg", "jpg")]
    [InlineData("png", "image/png", "png")]
    [InlineData("webp", "image/webp", "webp")]
    public async Task Upload_WhenTheBytesAreAnImage_Returns204AndGetAnswersTheSameBytesWithTheirType(string format, string contentType, string extension)
    {
        var visitor = await Data.VisitorAsync();
        var bytes = PhotoBytes.Of(format);

        // The declared type is deliberately wrong: only the bytes count.
        var upload = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(bytes, "upload.bin", "application/octet-stream"));
        await TestData.Expect(upload, HttpStatusCode.NoContent);

        var download = await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}/photo");
        await TestData.Expect(download, HttpStatusCode.OK);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"inline; filename=\"visitor-photo.{extension}\"", download.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True((await GetVisitorAsync(visitor.Id)).HasPhoto);
        var stored = Assert.Single(StoredFiles(visitor.Id));
        Assert.EndsWith("." + extension, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WhenATextFileIsNamedAndTypedAsJpeg_Returns415AndStoresNothing()
    {
        var visitor = await Data.VisitorAsync();
        var text = "this is not a photo, whatever its name says"u8.ToArray();

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(text, "photo.jpg", "image/jpeg"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertProblemAsync(response, 415, "photo.unsupported_media_type");
        Assert.Empty(StoredFiles(visitor.Id));
        Assert.False((await GetVisitorAsync(visitor.Id)).HasPhoto);
    }

    [Fact]
    public async Task Upload_WhenTheImageIsOneByteOver5Mb_Returns413AndStoresNothing()
    {
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Jpeg(FiveMegabytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, 413, "photo.too_large");
        Assert.Empty(StoredFiles(visitor.Id));
    }

    [Fact]
    public async Task Upload_WhenTheBodyIsFarOverTheLimit_Returns413BeforeReadingIt()
    {
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Jpeg(FiveMegabytes + (256 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, 413, code: null);
        Assert.Empty(StoredFiles(visitor.Id));
    }

    [Fact]
    public async Task Upload_WhenTheImageIsExactly5Mb_IsAcceptedDespiteTheGlobal1MbBodyLimit()
    {
        var visitor = await Data.VisitorAsync();
        var bytes = PhotoBytes.Png(FiveMegabytes);

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(bytes));

        await TestData.Expect(response, HttpStatusCode.NoContent);
        Assert.Equal(bytes, await Data.Admin.GetByteArrayAsync($"/api/visitors/{visitor.Id}/photo"));
    }

    [Fact]
    public async Task Upload_WhenTheFileNameClimbsOutOfTheFolder_StoresUnderTheRootWithAServerMadeName()
    {
        var visitor = await Data.VisitorAsync();
        var fileName = $"../../../cv-escape-{Guid.NewGuid():N}.jpg";

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Jpeg(), fileName));

        await TestData.Expect(response, HttpStatusCode.NoContent);
        var stored = Assert.Single(StoredFiles(visitor.Id));
        Assert.Matches(StoredName(), Path.GetRelativePath(fixture.BlobRoot, stored).Replace('\\', '/'));
        Assert.DoesNotContain(Directory.EnumerateFiles(fixture.BlobRoot, "*", SearchOption.AllDirectories), f => f.Contains("cv-escape", StringComparison.Ordinal));
        foreach (var start in new[] { fixture.BlobRoot, Path.Combine(fixture.BlobRoot, "visitors", visitor.Id.ToString()), Environment.CurrentDirectory })
        {
            Assert.False(File.Exists(Path.GetFullPath(Path.Combine(start, fileName))), $"A file reached {Path.GetFullPath(Path.Combine(start, fileName))}");
        }
    }

    [Fact]
    public async Task Upload_WhenAPhotoExists_ReplacesItAndDeletesTheOldFile()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await UploadAsync(visitor.Id, PhotoBytes.Jpeg()), HttpStatusCode.NoContent);
        var first = Assert.Single(StoredFiles(visitor.Id));
        var png = PhotoBytes.Png(512);

        await TestData.Expect(await UploadAsync(visitor.Id, png), HttpStatusCode.NoContent);

        Assert.False(File.Exists(first));
        Assert.EndsWith(".png", Assert.Single(StoredFiles(visitor.Id)), StringComparison.Ordinal);
        Assert.Equal(png, await Data.Admin.GetByteArrayAsync($"/api/visitors/{visitor.Id}/photo"));
    }

    [Fact]
    public async Task Erase_WhenTheVisitorHasAPhoto_DeletesTheFileAndGetThenAnswers404()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await UploadAsync(visitor.Id, PhotoBytes.Jpeg()), HttpStatusCode.NoContent);
        var stored = Assert.Single(StoredFiles(visitor.Id));

        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}"), HttpStatusCode.NoContent);

        // The file goes through the outbox, after the erasure's commit.
        await Eventually.UntilAsync(() => Task.FromResult(File.Exists(stored)), exists => !exists, TimeSpan.FromSeconds(30), _ => $"{stored} is still there");
        Assert.Equal(HttpStatusCode.NotFound, (await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}/photo")).StatusCode);
        Assert.False((await GetVisitorAsync(visitor.Id)).HasPhoto);
    }

    [Fact]
    public async Task Erase_WhenRefusedBecauseTheVisitorIsOnSite_KeepsThePhoto()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();
        var bytes = PhotoBytes.Jpeg();
        await TestData.Expect(await UploadAsync(visitor.Id, bytes), HttpStatusCode.NoContent);
        var visit = await Data.ApprovedVisitAsync(host.Id, visitor.Id);
        await Data.TransitionAsync(visit.Id, "check-in");

        Assert.Equal(HttpStatusCode.Conflict, (await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}")).StatusCode);

        Assert.Single(StoredFiles(visitor.Id));
        Assert.Equal(bytes, await Data.Admin.GetByteArrayAsync($"/api/visitors/{visitor.Id}/photo"));
    }

    [Fact]
    public async Task Upload_WhenTheVisitorIsErased_Returns409AndStoresNothing()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}"), HttpStatusCode.NoContent);

        var response = await UploadAsync(visitor.Id, PhotoBytes.Jpeg());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(StoredFiles(visitor.Id));
    }

    [Fact]
    public async Task Photo_WhenTheVisitorIsUnknownOrHasNoPhoto_Returns404()
    {
        var unknown = Guid.CreateVersion7();
        var visitor = await Data.VisitorAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(unknown, PhotoBytes.Jpeg())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Data.Admin.GetAsync($"/api/visitors/{unknown}/photo")).StatusCode);
        var none = await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}/photo");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Empty(StoredFiles(unknown));
    }

    [Fact]
    public async Task Upload_WithoutTheFileField_Returns400NamingTheField()
    {
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Jpeg(), field: "picture"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.True(problem!.Errors!.ContainsKey("file"), string.Join(", ", problem.Errors.Keys));
    }

    [Fact]
    public async Task Upload_WhenTheBodyIsJson_Returns415()
    {
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PutAsJsonAsync($"/api/visitors/{visitor.Id}/photo", new { file = "aGVsbG8=" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data with a file field for a photo upload", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_ForAHost_Returns403AndStoresNothing()
    {
        var visitor = await Data.VisitorAsync();
        var (_, host) = await Data.SignedInAsync("Host");

        Assert.Equal(HttpStatusCode.Forbidden, (await host.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Jpeg()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync($"/api/visitors/{visitor.Id}/photo")).StatusCode);
        Assert.Empty(StoredFiles(visitor.Id));
    }

    [Fact]
    public async Task Photo_WithoutAToken_Returns401AndStoresNothing()
    {
        var visitor = await Data.VisitorAsync();
        var anonymous = Data.Anonymous;

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(PhotoBytes.Jpeg()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/visitors/{visitor.Id}/photo")).StatusCode);
        Assert.Empty(StoredFiles(visitor.Id));
    }

    [Fact]
    public async Task Photo_ForAReceptionist_UploadsAndDownloads()
    {
        var visitor = await Data.VisitorAsync();
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");
        var bytes = PhotoBytes.WebP();

        await TestData.Expect(await receptionist.PutAsync($"/api/visitors/{visitor.Id}/photo", PhotoBytes.Form(bytes)), HttpStatusCode.NoContent);

        Assert.Equal(bytes, await receptionist.GetByteArrayAsync($"/api/visitors/{visitor.Id}/photo"));
    }

    [Fact]
    public async Task OpenApi_DocumentsBothPhotoEndpointsWithTheirStatuses()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Data.Anonymous.GetStringAsync("/openapi/v1.json"));
        var path = document.RootElement.GetProperty("paths").GetProperty("/api/visitors/{id}/photo");

        var put = path.GetProperty("put");
        foreach (var status in new[] { "204", "400", "401", "403", "404", "409", "413", "415" })
        {
            Assert.True(put.GetProperty("responses").TryGetProperty(status, out _), $"PUT lacks {status}");
        }

        var form = put.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data");
        Assert.Contains("file", form.GetRawText(), StringComparison.Ordinal);
        var get = path.GetProperty("get").GetProperty("responses");
        Assert.True(get.GetProperty("200").GetProperty("content").TryGetProperty("image/jpeg", out _));
        Assert.True(get.TryGetProperty("404", out _));
    }

    /// <summary>An RFC 9457 problem with every field the API promises (and our error code, when one is expected).</summary>
    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? code)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json))!;
        Assert.Equal(status, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Type), "type");
        Assert.False(string.IsNullOrEmpty(problem.Title), "title");
        Assert.False(string.IsNullOrEmpty(problem.Detail), "detail");
        Assert.False(string.IsNullOrEmpty(problem.TraceId), "traceId");
        if (code is not null)
        {
            Assert.Equal(code, problem.Extensions!["code"].GetString());
        }
    }

    private Task<HttpResponseMessage> UploadAsync(Guid visitorId, byte[] bytes) =>
        Data.Admin.PutAsync($"/api/visitors/{visitorId}/photo", PhotoBytes.Form(bytes));

    private async Task<VisitorBody> GetVisitorAsync(Guid id) =>
        (await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{id}", TestData.Json))!;

    /// <summary>The files stored for one visitor (temporary files included, so a leftover would show).</summary>
    private List<string> StoredFiles(Guid visitorId)
    {
        var folder = Path.Combine(fixture.BlobRoot, "visitors", visitorId.ToString());
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList() : [];
    }

    [GeneratedRegex(@"^visitors/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jpg$")]
    private static partial Regex StoredName();
}
