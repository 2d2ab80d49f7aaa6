using System.Security.Cryptography;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>The settings of a process that may start: each test changes only what it is about.</summary>
public static class ProcessSettings
{
    public const string AdminEmail = "admin@cleanvisitors.test";
    public const string AdminPassword = "Admin-Pass-5b1e7c93d2";
    public const string CorsOrigin = "https://desk.example.com";

    /// <summary>The <c>JWT_SECRET</c> value published in <c>.env.example</c>.</summary>
    public const string PlaceholderJwtSecret = "change-me-to-a-random-secret-of-at-least-32-chars";

    /// <summary>A random secret of exactly <paramref name="length"/> characters (hex), different on every call.</summary>
    public static string RandomSecret(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    /// <summary>A complete, valid Production configuration (no RabbitMQ, no WhatsApp: the two warnings).</summary>
    public static Dictionary<string, string?> ValidProduction(string databaseUrl) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DATABASE_URL"] = databaseUrl,
        ["JWT_SECRET"] = RandomSecret(48),
        ["CRON_SECRET"] = RandomSecret(24),
        ["CORS_ORIGIN"] = CorsOrigin,
        ["ADMIN_EMAIL"] = AdminEmail,
        ["ADMIN_PASSWORD"] = AdminPassword,
        // The tests sign in more often than a person would.
        ["RATE_LIMIT_MAX_REQUESTS"] = "100000",
        ["AUTH_RATE_LIMIT_MAX_REQUESTS"] = "100000",
        // No jobs in the background of tests about something else (SchedulerTests turns them on).
        ["SCHEDULER_ENABLED"] = "false",
    };

    /// <summary>A copy of <paramref name="settings"/> with <paramref name="key"/> set, or removed when <paramref name="value"/> is null.</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string? value)
    {
        var copy = new Dictionary<string, string?>(settings, StringComparer.Ordinal);
        if (value is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = value;
        }

        return copy;
    }
}
