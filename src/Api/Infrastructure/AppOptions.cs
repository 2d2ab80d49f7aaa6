namespace CleanVisitors.Api.Infrastructure;

/// <summary>How the host starts: <c>--migrate-only</c> applies migrations and exits; otherwise migrations run at start-up unless disabled.</summary>
internal static class StartupMode
{
    public const string MigrateOnlyFlag = "--migrate-only";

    public static bool MigrateOnly(string[] args) => args.Contains(MigrateOnlyFlag, StringComparer.Ordinal);

    public static bool RunMigrationsAtStartup(IConfiguration configuration) =>
        !bool.TryParse(configuration["RUN_MIGRATIONS_AT_STARTUP"], out var run) || run;

    /// <summary>
    /// The environment name: <c>ASPNETCORE_ENVIRONMENT</c>, else the Node service's <c>NODE_ENV</c>
    /// (<c>development</c>/<c>production</c> accepted), else Production.
    /// </summary>
    public static string? EnvironmentName()
    {
        var configured = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("NODE_ENV");
        return configured?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "development" => "Development",
            "production" => "Production",
            "staging" => "Staging",
            _ => configured,
        };
    }
}
