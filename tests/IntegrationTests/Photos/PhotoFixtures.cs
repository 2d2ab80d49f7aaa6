using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Photos;

/// <summary>The API on a database of its own, storing photos on local disk under a fresh temporary folder.</summary>
public sealed class LocalPhotosFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public string BlobRoot { get; } = Path.Combine(Path.GetTempPath(), $"cv-photos-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Factory.Settings["BLOB_STORAGE_PATH"] = BlobRoot;
        await ((IAsyncLifetime)Factory).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        if (Directory.Exists(BlobRoot))
        {
            Directory.Delete(BlobRoot, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalPhotosCollection : ICollectionFixture<LocalPhotosFixture>
{
    public const string Name = "photos-local";
}

/// <summary>The API on a database of its own, storing photos in a local fake of Vercel Blob's HTTP API.</summary>
public sealed class VercelPhotosFixture : IAsyncLifetime
{
    public const string Token = "vercel_blob_rw_teststore_0123456789abcdefghij";

    public FakeVercelBlob Blob { get; } = new(Token);

    public ApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Factory.Settings["BLOB_READ_WRITE_TOKEN"] = Token;
        Factory.Settings["BLOB_API_URL"] = Blob.Url;
        // A failing delete is retried by the photo deletion's consumer; short intervals keep the tests quick.
        Factory.Settings["NOTIFICATION_RETRY_MIN_MS"] = "50";
        Factory.Settings["NOTIFICATION_RETRY_MAX_MS"] = "200";
        await ((IAsyncLifetime)Factory).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        Blob.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class VercelPhotosCollection : ICollectionFixture<VercelPhotosFixture>
{
    public const string Name = "photos-vercel";
}
