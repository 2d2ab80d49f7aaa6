using CleanVisitors.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Infrastructure.Storage;

public static class StorageSetup
{
    /// <summary>
    /// The blob store: Vercel Blob when <c>BLOB_READ_WRITE_TOKEN</c> is set (API at <c>BLOB_API_URL</c>, access
    /// <c>BLOB_ACCESS</c>), else files under <c>BLOB_STORAGE_PATH</c> (default <c>./data/blobs</c>).
    /// </summary>
    public static IServiceCollection AddBlobStorage(this IServiceCollection services, BlobStorageOptions options)
    {
        if (options.UsesVercelBlob)
        {
            services.AddHttpClient<VercelBlobStore>(client => client.Timeout = TimeSpan.FromSeconds(30))
                .ConfigurePrimaryHttpMessageHandler(OutboundHttp.NoRedirects);
            services.AddTransient<IBlobStore>(provider => provider.GetRequiredService<VercelBlobStore>());
        }
        else
        {
            services.AddSingleton<IBlobStore>(new LocalDiskBlobStore(options.LocalPath));
        }

        return services;
    }
}
