using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Storage;

namespace CleanVisitors.UnitTests.Infrastructure;

public sealed class LocalDiskBlobStoreTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), $"cv-store-{Guid.NewGuid():N}");
    private readonly LocalDiskBlobStore _store;

    public LocalDiskBlobStoreTests()
    {
        Directory.CreateDirectory(_parent);
        _store = new LocalDiskBlobStore(Path.Combine(_parent, "root"));
    }

    public static TheoryData<string> EscapingOrMalformedKeys =>
    [
        "../outside.jpg",
        "visitors/../../outside.jpg",
        "visitors/a/../../../outside.jpg",
        "/etc/passwd",
        "..",
        ".",
        "visitors/./a.jpg",
        "visitors//a.jpg",
        "visitors/a.jpg/",
        "..\\outside.jpg",
        "visitors\\..\\..\\outside.jpg",
        "C:/outside.jpg",
        "visitors/%2e%2e/outside.jpg",
        "visitors/.hidden",
        "Visitors/A.JPG",
        "visitors/a b.jpg",
        "visitors/a\0.jpg",
        "",
        "a/" + new string('b', BlobKey.MaxLength),
    ];

    [Theory]
    [MemberData(nameof(EscapingOrMalformedKeys))]
    public async Task EveryOperation_WhenTheKeyIsUnsafe_IsRefusedAndTouchesNoFile(string key)
    {
        using var content = new MemoryStream([1, 2, 3]);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync(key, content, "image/jpeg", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(key, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_parent, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Root_IsResolvedToAFullPath()
    {
        var store = new LocalDiskBlobStore("./data/blobs");

        Assert.True(Path.IsPathFullyQualified(store.Root));
        Assert.Equal(Path.GetFullPath("data/blobs"), store.Root);
    }

    [Fact]
    public async Task Put_StoresTheBytesUnderTheRootAndLeavesNoTemporaryFile()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0x00, 0x42];
        const string key = "visitors/0195b3a4-0000-7000-8000-000000000001/0195b3a4-0000-7000-8000-000000000002.jpg";

        var stored = await _store.PutAsync(key, new MemoryStream(bytes), "image/jpeg", CancellationToken.None);

        Assert.Equal(key, stored);
        var path = _store.PathFor(key);
        Assert.StartsWith(_store.Root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal([path], Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OpenRead_AnswersTheBytesAndTheTypeOfTheExtension()
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47];
        await _store.PutAsync("visitors/v/p.png", new MemoryStream(bytes), "image/png", CancellationToken.None);

        var blob = await _store.OpenReadAsync("visitors/v/p.png", CancellationToken.None);

        Assert.NotNull(blob);
        await using var content = blob.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("image/png", blob.ContentType);
    }

    [Fact]
    public async Task OpenRead_WhenNothingIsStored_ReturnsNull()
    {
        Assert.Null(await _store.OpenReadAsync("visitors/none/missing.jpg", CancellationToken.None));
    }

    [Fact]
    public async Task Put_WhenTheKeyIsTaken_RefusesToOverwrite()
    {
        await _store.PutAsync("visitors/v/p.jpg", new MemoryStream([1]), "image/jpeg", CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("visitors/v/p.jpg", new MemoryStream([2]), "image/jpeg", CancellationToken.None));

        Assert.Equal([1], await File.ReadAllBytesAsync(_store.PathFor("visitors/v/p.jpg")));
        Assert.Single(Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Delete_RemovesTheFileAndIsIdempotent()
    {
        await _store.PutAsync("visitors/v/p.webp", new MemoryStream([1, 2]), "image/webp", CancellationToken.None);

        await _store.DeleteAsync("visitors/v/p.webp", CancellationToken.None);
        await _store.DeleteAsync("visitors/v/p.webp", CancellationToken.None);
        await _store.DeleteAsync("visitors/never/stored.webp", CancellationToken.None);

        Assert.False(File.Exists(_store.PathFor("visitors/v/p.webp")));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
