using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Infrastructure.Storage;

public static class StorageSetup
{
    public const string DefaultLocalPath = "./data/blobs";

    /// <summary>
    /// The blob store: Vercel Blob when <c>BLOB_READ_WRITE_TOKEN</c> is set (API at <c>BLOB_API_URL</c>, access
    /// <c>BLOB_ACCESS</c>), else files under <c>BLOB_STORAGE_PATH</c> (default <c>./data/blobs</c>).
    /// </summary>
    public static IServiceCollection AddBlobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.Setting("BLOB_READ_WRITE_TOKEN") is { } token)
        {
            services.AddOptions<VercelBlobOptions>().Configure(o =>
            {
                o.Token = token;
                o.ApiUrl = new Uri(configuration.Setting("BLOB_API_URL") ?? VercelBlobOptions.DefaultApiUrl);
                o.Access = configuration.Setting("BLOB_ACCESS") ?? o.Access;
            });
            services.AddHttpClient<VercelBlobStore>(client => client.Timeout = TimeSpan.FromSeconds(30))
                .ConfigurePrimaryHttpMessageHandler(OutboundHttp.NoRedirects);
            services.AddTransient<IBlobStore>(provider => provider.GetRequiredService<VercelBlobStore>());
        }
        else
        {
            services.AddSingleton<IBlobStore>(new LocalDiskBlobStore(configuration.Setting("BLOB_STORAGE_PATH") ?? DefaultLocalPath));
        }

        return services;
    }
}
