using CleanVisitors.Api.Configuration;
using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Startup;

/// <summary>
/// How the process starts: <c>--check-config</c> prints the configuration verdict and exits; <c>--migrate-only</c>
/// applies migrations and exits; otherwise it serves, applying migrations at start-up unless disabled.
/// </summary>
internal static class StartupMode
{
    public const string MigrateOnlyFlag = "--migrate-only";
    public const string CheckConfigFlag = "--check-config";

    public static bool MigrateOnly(string[] args) => args.Contains(MigrateOnlyFlag, StringComparer.Ordinal);

    public static bool CheckConfigOnly(string[] args) => args.Contains(CheckConfigFlag, StringComparer.Ordinal);

    /// <summary>
    /// The environment name: <c>ASPNETCORE_ENVIRONMENT</c>, else the Node service's <c>NODE_ENV</c>
    /// (<c>development</c>/<c>production</c> accepted), else Production.
    /// </summary>
    public static string? EnvironmentName()
    {
        var configured = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable("NODE_ENV");
        }

        return configured?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "development" or "dev" => "Development",
            "production" or "prod" => "Production",
            "staging" => "Staging",
            "testing" or "test" => "Testing",
            _ => configured.Trim(),
        };
    }

    /// <summary><c>--check-config</c>: the verdict in plain words; exit code 0 when the service could start.</summary>
    public static int PrintVerdict(SettingsReport report, TextWriter output)
    {
        foreach (var error in report.Errors)
        {
            output.WriteLine($"ERROR   {error}");
        }

        foreach (var warning in report.Warnings)
        {
            output.WriteLine($"WARNING {warning}");
        }

        output.WriteLine(report.IsValid
            ? $"Configuration OK ({report.Warnings.Count} warnings)."
            : $"Configuration INVALID: {report.Errors.Count} problems; the service would not start.");
        return report.IsValid ? 0 : 1;
    }

    /// <summary>Logs the warnings, and every error at once; false when the service must not start.</summary>
    public static bool Accept(SettingsReport report, Serilog.ILogger logger)
    {
        foreach (var warning in report.Warnings)
        {
            logger.Warning("Configuration: {ConfigurationWarning}", warning);
        }

        if (report.IsValid)
        {
            return true;
        }

        foreach (var error in report.Errors)
        {
            logger.Fatal("Configuration: {ConfigurationError}", error);
        }

        logger.Fatal("Configuration invalid: {ErrorCount} problems; fix them and start again (dotnet CleanVisitors.Api.dll --check-config shows the verdict)", report.Errors.Count);
        return false;
    }

    /// <summary>
    /// Kestrel where the operator said: <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> or <c>ASPNETCORE_HTTPS_PORTS</c>
    /// (.NET's own variables) when one is set, else every interface on <c>PORT</c> (default 8000, the Node service's
    /// variable); and every interface on <c>MANAGEMENT_PORT</c> (default 9464) for <c>/metrics</c>
    /// (<see cref="Operations.Monitoring.ManagementPort"/>); no <c>Server</c> header; the request body limit.
    /// </summary>
    public static void ConfigureForService(this ConfigureWebHostBuilder webHost, ServerOptions server)
    {
        webHost.UseUrls([.. server.PublicUrls(), $"http://0.0.0.0:{server.ManagementPort}"]);

        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
        });
    }
}
