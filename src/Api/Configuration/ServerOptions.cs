using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanVisitors.Api.Configuration;

/// <summary>Where the service listens, how large a body may be, how much runs at once and how long a shutdown may take.</summary>
public sealed partial class ServerOptions
{
    public const int DefaultQueueLimit = 1000;

    /// <summary><c>PORT</c>: the API's port on every interface, unless .NET's own listener variables are set.</summary>
    [ConfigurationKeyName("PORT")]
    public int Port { get; set; } = 8000;

    /// <summary><c>MANAGEMENT_PORT</c>: where <c>/metrics</c> is served, never on the API's port.</summary>
    [ConfigurationKeyName("MANAGEMENT_PORT")]
    public int ManagementPort { get; set; } = 9464;

    /// <summary><c>ASPNETCORE_URLS</c> (.NET's own): the API's addresses, <c>;</c>-separated.</summary>
    [ConfigurationKeyName("URLS")]
    public string? Urls { get; set; }

    /// <summary><c>ASPNETCORE_HTTP_PORTS</c> (.NET's own).</summary>
    [ConfigurationKeyName("HTTP_PORTS")]
    public string? HttpPorts { get; set; }

    /// <summary><c>ASPNETCORE_HTTPS_PORTS</c> (.NET's own).</summary>
    [ConfigurationKeyName("HTTPS_PORTS")]
    public string? HttpsPorts { get; set; }

    /// <summary><c>MAX_REQUEST_BODY_BYTES</c>: the largest body an endpoint without its own limit accepts.</summary>
    [ConfigurationKeyName("MAX_REQUEST_BODY_BYTES")]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary><c>MAX_CONCURRENT_REQUESTS</c>: requests run at once (default <c>DB_POOL_SIZE</c>).</summary>
    [ConfigurationKeyName("MAX_CONCURRENT_REQUESTS")]
    public int? MaxConcurrentRequests { get; set; }

    /// <summary><c>MAX_QUEUED_REQUESTS</c>: requests that wait their turn beyond those; more are shed with 503.</summary>
    [ConfigurationKeyName("MAX_QUEUED_REQUESTS")]
    public int MaxQueuedRequests { get; set; } = DefaultQueueLimit;

    /// <summary><c>SHUTDOWN_TIMEOUT_SECONDS</c>: how long a graceful shutdown may take before the process exits with 1.</summary>
    [ConfigurationKeyName("SHUTDOWN_TIMEOUT_SECONDS")]
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    public TimeSpan ShutdownTimeout => TimeSpan.FromSeconds(ShutdownTimeoutSeconds);

    /// <summary>Whether .NET's own listener settings are set (the Dockerfile clears the base image's).</summary>
    public bool ListenersConfigured => Urls is not null || HttpPorts is not null || HttpsPorts is not null;

    /// <summary>The API's own addresses, as .NET would take them from its variables (URLS first), else <c>PORT</c>'s.</summary>
    public IEnumerable<string> PublicUrls()
    {
        if (Urls is not null)
        {
            return Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (ListenersConfigured)
        {
            return Ports(HttpPorts).Select(port => $"http://*:{port}").Concat(Ports(HttpsPorts).Select(port => $"https://*:{port}"));
        }

        return [$"http://0.0.0.0:{Port}"];
    }

    /// <summary>Whether one of the API's addresses is on <see cref="ManagementPort"/>.</summary>
    public bool ManagementPortClashes() =>
        PublicUrls().Any(url => ListenPort().Match(url) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) == ManagementPort);

    private static string[] Ports(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The port of a listener URL (<c>http://+:8080</c>, <c>http://0.0.0.0:8000/</c>).</summary>
    [GeneratedRegex(@":(\d{1,5})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ListenPort();
}
