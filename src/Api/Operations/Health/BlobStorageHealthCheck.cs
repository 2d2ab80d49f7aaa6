using CleanVisitors.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Health;

/// <summary>Unhealthy when the photo store (<c>BLOB_STORAGE_PATH</c>) cannot be written.</summary>
internal sealed class BlobStorageHealthCheck(IOptions<BlobStorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.UsesVercelBlob)
        {
            return HealthCheckResult.Healthy("Photos are stored in Vercel Blob.");
        }

        var path = Path.GetFullPath(options.Value.LocalPath);
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".health-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("Photo storage is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"Photo storage at BLOB_STORAGE_PATH is not writable: {ex.GetType().Name}.");
        }
    }
}
