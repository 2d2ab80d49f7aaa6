using System.Reflection;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// The build-time run (<c>Microsoft.Extensions.ApiDescription.Server</c>): the build starts the entry point through
/// <c>GetDocument.Insider</c>, takes the host once it is built and asks it for the document; nothing listens and no
/// database is opened. The run sees a fixed configuration of placeholders instead of the machine's, so the document the
/// build writes depends on the code alone (and equals the one a service with <c>PUBLIC_BASE_URL</c> = <see cref="PublicBaseUrl"/> serves).
/// </summary>
internal static class DocumentGeneration
{
    /// <summary>True when the build's document tool, not an operator, runs the entry point.</summary>
    public static bool IsRunning { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>The server of the committed document: an example https:// address (a deployment serves its own).</summary>
    public const string PublicBaseUrl = "https://visitors.example.com";

    /// <summary>Placeholders that satisfy the start-up checks; no value is ever used to connect or sign.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["DATABASE_URL"] = "postgres://document:generation@localhost:5432/cleanvisitors",
        ["JWT_SECRET"] = "build-time-document-generation-only-0123456789abcdef",
        ["CRON_SECRET"] = "build-time-document-generation-only",
        ["CORS_ORIGIN"] = "https://frontdesk.example.com",
        ["PUBLIC_BASE_URL"] = PublicBaseUrl,
    };

    /// <summary>Replaces every configuration source with <see cref="Settings"/> when the build's tool runs the entry point.</summary>
    public static void UseFixedConfiguration(IConfigurationManager configuration)
    {
        if (!IsRunning)
        {
            return;
        }

        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(Settings);
    }
}
