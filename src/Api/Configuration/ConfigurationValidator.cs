using System.Globalization;
using System.Net;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Persistence;

namespace CleanVisitors.Api.Configuration;

/// <summary>The verdict on the configuration: problems stop the start, warnings are logged and the start goes on.</summary>
public sealed record ConfigurationReport(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks every setting before the port opens and reports every problem at once, each naming the variable
/// and the fix (the Node service's start-up config validation).
/// </summary>
public static partial class ConfigurationValidator
{
    /// <summary>A Production <c>JWT_SECRET</c> has at least this many different characters.</summary>
    public const int MinimumDistinctSecretCharacters = 16;

    /// <summary>Values that are examples, never secrets: refused as <c>JWT_SECRET</c> in Production.</summary>
    public static readonly IReadOnlySet<string> KnownPlaceholderSecrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "change-me-to-a-random-secret-of-at-least-32-chars",
        "your-super-secret-jwt-key-change-in-production",
        "your-secret-key-at-least-32-characters-long",
        "secretsecretsecretsecretsecretsecret",
        "changemechangemechangemechangeme",
    };

    private static readonly string[] KnownEnvironments = ["Development", "Staging", "Production", "Testing"];

    private static readonly (string Key, int Min, int Max)[] IntegerSettings =
    [
        ("PORT", 1, 65535),
        ("MANAGEMENT_PORT", 1, 65535),
        ("DB_POOL_SIZE", 1, 1000),
        ("DB_POOL_MIN_SIZE", 0, 1000),
        ("MAX_CONCURRENT_REQUESTS", 1, 100_000),
        ("MAX_QUEUED_REQUESTS", 0, 1_000_000),
        ("OUTBOX_REDELIVERY_SECONDS", 1, 86400),
        ("JWT_EXPIRES_MINUTES", 1, 7 * 24 * 60),
        ("REFRESH_TOKEN_HOURS", 1, 90 * 24),
        ("RATE_LIMIT_WINDOW_MS", 1000, int.MaxValue),
        ("RATE_LIMIT_MAX_REQUESTS", 1, int.MaxValue),
        ("AUTH_RATE_LIMIT_MAX_REQUESTS", 1, int.MaxValue),
        ("SLOW_REQUEST_THRESHOLD_MS", 1, int.MaxValue),
        ("SLOW_HANDLER_THRESHOLD_MS", 1, int.MaxValue),
        ("SLOW_QUERY_THRESHOLD_MS", 0, int.MaxValue),
        ("SHUTDOWN_TIMEOUT_SECONDS", 1, 3600),
        ("PERFORMANCE_REPORT_INTERVAL_SECONDS", 0, 86400),
        ("MEMORY_WARNING_PERCENT", 1, 100),
        ("MEMORY_LEAK_FLOOR_MB", 0, 1_048_576),
        ("PENDING_APPROVAL_TIMEOUT_MINUTES", 1, 7 * 24 * 60),
        ("NO_SHOW_GRACE_MINUTES", 0, 7 * 24 * 60),
        ("MAX_VISIT_HOURS", 1, 7 * 24),
        ("RETENTION_DAYS", 1, 36500),
        ("JOB_BATCH_SIZE", 1, 10000),
        ("SCHEDULER_INTERVAL_SECONDS", 1, 86400),
    ];

    public static ConfigurationReport Validate(IConfiguration configuration, string environmentName)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var knownEnvironment = KnownEnvironments.Contains(environmentName, StringComparer.OrdinalIgnoreCase);
        // An environment name the service does not know (a typo, "prod-eu") gets Production's rules: it must not turn them off.
        var production = !knownEnvironment || string.Equals(environmentName, "Production", StringComparison.OrdinalIgnoreCase);

        CheckDatabase(configuration, errors);
        CheckJwt(configuration, production, errors);
        CheckNumbers(configuration, errors);

        var managementPort = configuration.Number("MANAGEMENT_PORT", 9464);
        if (Infrastructure.StartupMode.PublicUrls(configuration).Any(url => ListenPort().Match(url) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) == managementPort))
        {
            errors.Add($"MANAGEMENT_PORT ({managementPort}) must differ from the API's port (PORT, or ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS when set): /metrics is served on its own port, never on the API's.");
        }

        if (configuration.Setting("MAX_REQUEST_BODY_BYTES") is { } maxBody && (!long.TryParse(maxBody, out var bytes) || bytes < 1024))
        {
            errors.Add("MAX_REQUEST_BODY_BYTES must be a whole number of bytes, at least 1024 (default 1048576).");
        }

        var cronSecret = configuration.Setting("CRON_SECRET");
        if (production && (cronSecret is null || cronSecret.Length < 20))
        {
            errors.Add("CRON_SECRET is missing or shorter than 20 characters; in Production set it to a random secret (e.g. `openssl rand -hex 24`).");
        }

        var origins = configuration.List("CORS_ORIGIN");
        foreach (var origin in origins)
        {
            if (origin != "*" && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                errors.Add($"CORS_ORIGIN has '{origin}', which is not an http(s) origin such as https://desk.example.com.");
            }
            else if (production && (origin == "*" || origin.Contains("localhost", StringComparison.OrdinalIgnoreCase) || origin.Contains("127.0.0.1", StringComparison.Ordinal)))
            {
                errors.Add($"CORS_ORIGIN has '{origin}': in Production list your real front-end origins, never * or localhost.");
            }
        }

        foreach (var proxy in configuration.List("TRUSTED_PROXIES"))
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
            {
                errors.Add($"TRUSTED_PROXIES has '{proxy}', which is neither an IP address nor a CIDR network (e.g. 10.0.0.0/8).");
            }
        }

        if (configuration.Setting("RABBITMQ_URL") is { } rabbit)
        {
            if (!Uri.TryCreate(rabbit, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
            {
                errors.Add("RABBITMQ_URL is not an amqp:// URL: expected amqp://user:password@host:5672/vhost.");
            }
        }
        else
        {
            warnings.Add("RABBITMQ_URL is not set: messages go through the in-memory transport and are lost on restart; set amqp://user:password@host:5672/vhost.");
        }

        if (configuration.Setting("BLOB_API_URL") is { } blobApi
            && (!Uri.TryCreate(blobApi, UriKind.Absolute, out var blobUri) || blobUri.Scheme is not ("http" or "https")))
        {
            errors.Add("BLOB_API_URL is not an absolute http(s) URL such as https://blob.vercel-storage.com.");
        }

        if (configuration.Setting("BLOB_ACCESS") is { } access && access is not ("private" or "public"))
        {
            errors.Add("BLOB_ACCESS must be private or public, as the Vercel Blob store was created.");
        }

        string[] whatsApp = ["WHATSAPP_API_URL", "WHATSAPP_API_TOKEN"];
        var missingWhatsApp = whatsApp.Where(key => configuration.Setting(key) is null).ToList();
        if (missingWhatsApp.Count > 0)
        {
            warnings.Add($"{string.Join(", ", missingWhatsApp)} not set: WhatsApp notifications are recorded as Skipped, not sent.");
        }

        // The scheme is checked too: on Linux a bare path such as /v1/messages parses as an absolute file:// URI.
        if (configuration.Setting("WHATSAPP_API_URL") is { } whatsAppUrl
            && (!Uri.TryCreate(whatsAppUrl, UriKind.Absolute, out var whatsAppUri) || whatsAppUri.Scheme is not ("http" or "https")))
        {
            errors.Add("WHATSAPP_API_URL is not an absolute URL such as https://api.provider.example/v1.");
        }

        if (!knownEnvironment)
        {
            warnings.Add($"The environment '{environmentName}' is not one of {string.Join(", ", KnownEnvironments)}; its configuration is checked like Production's.");
        }

        if (configuration.Setting("REDIS_URL") is { } redisUrl)
        {
            try
            {
                RateLimiting.RedisUrl.Parse(redisUrl);
            }
            catch (FormatException ex)
            {
                errors.Add(ex.Message);
            }
        }

        if (configuration.Setting("LOG_LEVEL") is { } level && !Enum.TryParse<Serilog.Events.LogEventLevel>(level, ignoreCase: true, out _))
        {
            errors.Add($"LOG_LEVEL '{level}' is not one of Verbose, Debug, Information, Warning, Error, Fatal.");
        }

        return new ConfigurationReport(errors, warnings);
    }

    private static void CheckDatabase(IConfiguration configuration, List<string> errors)
    {
        var url = configuration.Setting("DATABASE_URL");
        if (url is null)
        {
            errors.Add("DATABASE_URL is not set: set it to postgresql://user:password@host:5432/database (./run.sh starts a local PostgreSQL for you).");
            return;
        }

        try
        {
            DatabaseUrl.Parse(url);
        }
        catch (FormatException ex)
        {
            errors.Add(ex.Message);
        }
    }

    private static void CheckJwt(IConfiguration configuration, bool production, List<string> errors)
    {
        var secret = configuration.Setting("JWT_SECRET");
        if (secret is null || secret.Length < 32)
        {
            errors.Add("JWT_SECRET is missing or shorter than 32 characters: set a random secret (e.g. `openssl rand -base64 48`).");
        }
        else if (production && KnownPlaceholderSecrets.Contains(secret))
        {
            errors.Add("JWT_SECRET is a published placeholder (the .env.example value): in Production set a random secret (e.g. `openssl rand -base64 48`).");
        }
        else if (production && secret.Distinct().Count() < MinimumDistinctSecretCharacters)
        {
            // Forty 'a's are 40 characters and no secret at all.
            errors.Add($"JWT_SECRET has fewer than {MinimumDistinctSecretCharacters} different characters (a hex secret has at most 16): in Production set a random secret (e.g. `openssl rand -base64 48`).");
        }
    }

    private static void CheckNumbers(IConfiguration configuration, List<string> errors)
    {
        foreach (var (key, min, max) in IntegerSettings)
        {
            if (configuration.Setting(key) is { } raw
                && (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max))
            {
                errors.Add($"{key} must be a whole number from {min} to {max}; it is '{raw}'.");
            }
        }

        foreach (var key in new[] { "HEALTH_DETAILED_PUBLIC", "RUN_MIGRATIONS_AT_STARTUP", "SCHEDULER_ENABLED" })
        {
            if (configuration.Setting(key) is { } raw && !bool.TryParse(raw, out _))
            {
                errors.Add($"{key} must be true or false; it is '{raw}'.");
            }
        }
    }

    /// <summary>The port of a listener URL (<c>http://+:8080</c>, <c>http://0.0.0.0:8000/</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@":(\d{1,5})/?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ListenPort();
}
