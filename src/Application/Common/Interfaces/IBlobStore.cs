namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// The blob storage port (visitor photos): local disk, or Vercel Blob when <c>BLOB_READ_WRITE_TOKEN</c> is set.
/// Keys are made by the server (<see cref="BlobKey"/>), never taken from a client.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> and returns the key to keep for it.</summary>
    Task<string> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The stored bytes and their content type, or null when nothing is stored under the key. The caller disposes the stream.</summary>
    Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob; deleting one that is not there is no error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
