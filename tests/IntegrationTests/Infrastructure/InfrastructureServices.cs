using CleanVisitors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// The infrastructure layer as the service registers it (<c>AddInfrastructure</c>), without the API host: for tests of
/// one outbound client (WhatsApp, Vercel Blob) against a local fake. Nothing connects to the database it names.
/// </summary>
internal static class InfrastructureServices
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DATABASE_URL"] = "postgresql://nobody:nothing@127.0.0.1:1/none",
            ["JWT_SECRET"] = "infrastructure-tests-secret-0123456789abcdef",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }
}
