using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Storage;

/// <summary>
/// Where visitor photos are kept: Vercel Blob when <c>BLOB_READ_WRITE_TOKEN</c> is set, else files on local disk.
/// </summary>
public sealed class BlobStorageOptions
{
    public const string DefaultApiUrl = "https://blob.vercel-storage.com";

    public const string DefaultLocalPath = "./data/blobs";

    /// <summary><c>BLOB_READ_WRITE_TOKEN</c>: the Vercel Blob store's read-write token.</summary>
    [ConfigurationKeyName("BLOB_READ_WRITE_TOKEN")]
    public string? Token { get; set; }

    /// <summary><c>BLOB_API_URL</c>: where the Blob API answers (tests point it at a local fake).</summary>
    [ConfigurationKeyName("BLOB_API_URL")]
    public string ApiUrl { get; set; } = DefaultApiUrl;

    /// <summary><c>BLOB_ACCESS</c>: <c>private</c> (default: photos are personal data) or <c>public</c>, as the store was created.</summary>
    [ConfigurationKeyName("BLOB_ACCESS")]
    public string Access { get; set; } = "private";

    /// <summary><c>BLOB_STORAGE_PATH</c>: the folder of the local disk store, without a token.</summary>
    [ConfigurationKeyName("BLOB_STORAGE_PATH")]
    public string LocalPath { get; set; } = DefaultLocalPath;

    public bool UsesVercelBlob => Token is not null;
}
