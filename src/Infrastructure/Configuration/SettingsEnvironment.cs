namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>
/// The environment the settings are checked for. An environment name the service does not know (a typo, "prod-eu")
/// gets Production's rules: it must not turn them off.
/// </summary>
public sealed record SettingsEnvironment(string Name)
{
    public static readonly IReadOnlyList<string> Known = ["Development", "Staging", "Production", "Testing"];

    public bool IsKnown => Known.Contains(Name, StringComparer.OrdinalIgnoreCase);

    public bool IsProduction => !IsKnown || string.Equals(Name, "Production", StringComparison.OrdinalIgnoreCase);
}
