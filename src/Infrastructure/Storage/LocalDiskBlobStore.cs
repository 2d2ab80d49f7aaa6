using CleanVisitors.Application.Common.Interfaces;

namespace CleanVisitors.Infrastructure.Storage;

/// <summary>
/// Blobs as files under one root folder (<c>BLOB_STORAGE_PATH</c>, default <c>./data/blobs</c>, resolved to a full
/// path). A key must have <see cref="BlobKey"/>'s safe shape and resolve inside the root, else it is refused before
/// any file is touched. A write goes to a temporary file in the target folder and is then renamed into place, so a
/// reader sees the whole file or none.
/// </summary>
public sealed class LocalDiskBlobStore : IBlobStore
{
    private const string DefaultContentType = "application/octet-stream";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".png"] = "image/png",
        [".webp"] = "image/webp",
    };

    private readonly string _rootWithSeparator;

    public LocalDiskBlobStore(string rootPath)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        _rootWithSeparator = Root + Path.DirectorySeparatorChar;
    }

    public string Root { get; }

    public async Task<string> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            // A rename within one folder (one file system) is atomic; keys are fresh, so nothing is overwritten.
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        finally
        {
            File.Delete(temporary); // no-op once moved
        }
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), DefaultContentType);
            return Task.FromResult<BlobContent?>(new BlobContent(stream, contentType));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<BlobContent?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored in that folder: deleting is idempotent.
        }

        return Task.CompletedTask;
    }

    /// <summary>The file for a key, or <see cref="ArgumentException"/> when the key is not of the safe shape or would leave the root.</summary>
    public string PathFor(string key)
    {
        if (!BlobKey.IsSafe(key))
        {
            throw new ArgumentException("The blob key is not of the safe shape (lower-case segments of letters, digits, '.', '_', '-').", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException("The blob key resolves outside the storage root.", nameof(key));
        }

        return path;
    }
}
