using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>
/// Reads the service's environment-variable settings. An empty or blank value counts as unset (docker compose
/// passes <c>""</c> for optional settings), so defaults apply to it.
/// </summary>
public static class SettingsExtensions
{
    public static string? Setting(this IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A whole number, or <paramref name="fallback"/> when unset or unreadable (the validator reports unreadable ones).</summary>
    public static int Number(this IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration.Setting(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public static long Bytes(this IConfiguration configuration, string key, long fallback) =>
        long.TryParse(configuration.Setting(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public static bool Flag(this IConfiguration configuration, string key, bool fallback) =>
        bool.TryParse(configuration.Setting(key), out var value) ? value : fallback;

    /// <summary>A comma-separated list, trimmed, without empty entries.</summary>
    public static IReadOnlyList<string> List(this IConfiguration configuration, string key) =>
        configuration.Setting(key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
