using System.Reflection;
using CleanVisitors.Api.Configuration;
using CleanVisitors.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Api;

public sealed class ServiceSettingsTests
{
    private const string Secret = "a-random-secret-that-is-long-enough-0123456789";

    [Fact]
    public void Validate_ACompleteProductionConfiguration_HasNoErrors()
    {
        var report = Validate("Production");

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public void Validate_EveryProblemIsReportedAtOnce()
    {
        var report = Validate("Production", ("DATABASE_URL", null), ("JWT_SECRET", "short"), ("CRON_SECRET", null), ("PORT", "0"));

        Assert.False(report.IsValid);
        Assert.Equal(4, report.Errors.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("postgresql://")]
    [InlineData("Username=app;Password=x")]
    [InlineData("postgresql://app:pw@db:5432/visits?sslmode=sometimes")]
    public void Validate_DatabaseUrlMissingOrUnparseable_IsAnError(string? url)
    {
        var error = Assert.Single(Validate("Development", ("DATABASE_URL", url)).Errors);

        Assert.Contains("DATABASE_URL", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://app:pw@db:5432/visits?sslmode=require")]
    [InlineData("Host=db;Username=app;Password=pw;Database=visits")]
    public void Validate_DatabaseUrlInEitherForm_IsAccepted(string url)
    {
        Assert.True(Validate("Development", ("DATABASE_URL", url)).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("only-31-characters-long-secret!")]
    public void Validate_JwtSecretMissingOrShorterThan32_IsAnError(string? secret)
    {
        var error = Assert.Single(Validate("Development", ("JWT_SECRET", secret)).Errors);

        Assert.Contains("JWT_SECRET", error, StringComparison.Ordinal);
        Assert.Contains("32", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8000", "8000")]
    [InlineData("9464", null)]
    [InlineData(null, "8000")]
    public void Validate_ManagementPortEqualToPort_IsAnError(string? port, string? managementPort)
    {
        var error = Assert.Single(Validate("Production", ("PORT", port), ("MANAGEMENT_PORT", managementPort)).Errors);

        Assert.StartsWith("MANAGEMENT_PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManagementPortAmongTheDotNetListenerPorts_IsAnError_AndPortIsThenIgnored()
    {
        var clash = Assert.Single(Validate("Production", ("HTTP_PORTS", "8080;9464")).Errors);
        Assert.StartsWith("MANAGEMENT_PORT", clash, StringComparison.Ordinal);

        Assert.True(Validate("Production", ("URLS", "http://127.0.0.1:8080"), ("MANAGEMENT_PORT", "8000")).IsValid);
    }

    [Fact]
    public void Validate_JwtSecretOfExactly32Characters_IsAccepted()
    {
        Assert.True(Validate("Production", ("JWT_SECRET", "abcdefghijklmnop" + new string('k', 16))).IsValid);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abcdefghijklmnoabcdefghijklmnoabcdefghijklmno")]
    public void Validate_JwtSecretWithFewerThan16DifferentCharacters_IsAnErrorInProductionOnly(string secret)
    {
        var error = Assert.Single(Validate("Production", ("JWT_SECRET", secret)).Errors);
        Assert.Contains("JWT_SECRET", error, StringComparison.Ordinal);
        Assert.Contains("16 different characters", error, StringComparison.Ordinal);
        Assert.True(Validate("Development", ("JWT_SECRET", secret)).IsValid);
    }

    [Fact]
    public void Validate_PlaceholderJwtSecret_IsAnErrorInProductionOnly()
    {
        const string placeholder = "change-me-to-a-random-secret-of-at-least-32-chars";

        var error = Assert.Single(Validate("Production", ("JWT_SECRET", placeholder)).Errors);
        Assert.Contains("JWT_SECRET", error, StringComparison.Ordinal);
        Assert.Contains("placeholder", error, StringComparison.Ordinal);
        Assert.True(Validate("Development", ("JWT_SECRET", placeholder)).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nineteen-characters")]
    public void Validate_CronSecretMissingOrShorterThan20_IsAnErrorInProductionOnly(string? cronSecret)
    {
        var error = Assert.Single(Validate("Production", ("CRON_SECRET", cronSecret)).Errors);
        Assert.Contains("CRON_SECRET", error, StringComparison.Ordinal);
        Assert.True(Validate("Development", ("CRON_SECRET", cronSecret)).IsValid);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("http://localhost:3000")]
    [InlineData("https://desk.example.com,http://127.0.0.1:5173")]
    public void Validate_CorsOriginWithWildcardOrLocalhost_IsAnErrorInProductionOnly(string origins)
    {
        var error = Assert.Single(Validate("Production", ("CORS_ORIGIN", origins)).Errors);
        Assert.Contains("CORS_ORIGIN", error, StringComparison.Ordinal);
        Assert.True(Validate("Development", ("CORS_ORIGIN", origins)).IsValid);
    }

    [Theory]
    [InlineData("desk.example.com")]
    [InlineData("ftp://desk.example.com")]
    public void Validate_CorsOriginThatIsNoHttpOrigin_IsAnError(string origin)
    {
        var error = Assert.Single(Validate("Development", ("CORS_ORIGIN", origin)).Errors);

        Assert.Contains("CORS_ORIGIN", error, StringComparison.Ordinal);
        Assert.Contains(origin, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TrustedProxiesThatAreNoAddressOrNetwork_IsAnError()
    {
        var error = Assert.Single(Validate("Development", ("TRUSTED_PROXIES", "10.0.0.1, 10.1.0.0/16, proxy.internal")).Errors);

        Assert.Contains("TRUSTED_PROXIES", error, StringComparison.Ordinal);
        Assert.Contains("proxy.internal", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PORT", "0")]
    [InlineData("PORT", "65536")]
    [InlineData("PORT", "eighty")]
    [InlineData("DB_POOL_SIZE", "0")]
    [InlineData("RATE_LIMIT_WINDOW_MS", "999")]
    [InlineData("RATE_LIMIT_MAX_REQUESTS", "0")]
    [InlineData("AUTH_RATE_LIMIT_MAX_REQUESTS", "-1")]
    [InlineData("SLOW_REQUEST_THRESHOLD_MS", "0")]
    [InlineData("SLOW_QUERY_THRESHOLD_MS", "-1")]
    [InlineData("SHUTDOWN_TIMEOUT_SECONDS", "3601")]
    [InlineData("PERFORMANCE_REPORT_INTERVAL_SECONDS", "-1")]
    [InlineData("MEMORY_WARNING_PERCENT", "101")]
    [InlineData("JWT_EXPIRES_MINUTES", "1.5")]
    [InlineData("SCHEDULER_INTERVAL_SECONDS", "0")]
    [InlineData("SCHEDULER_INTERVAL_SECONDS", "86401")]
    public void Validate_NumberOutOfRangeOrUnreadable_IsAnErrorNamingTheVariable(string key, string value)
    {
        var error = Assert.Single(Validate("Development", (key, value)).Errors);

        Assert.StartsWith(key, error, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SLOW_QUERY_THRESHOLD_MS", "0")]
    [InlineData("PERFORMANCE_REPORT_INTERVAL_SECONDS", "0")]
    [InlineData("PORT", "8000")]
    public void Validate_NumberInRange_IsAccepted(string key, string value)
    {
        Assert.True(Validate("Development", (key, value)).IsValid);
    }

    [Theory]
    [InlineData("HEALTH_DETAILED_PUBLIC")]
    [InlineData("RUN_MIGRATIONS_AT_STARTUP")]
    [InlineData("SCHEDULER_ENABLED")]
    public void Validate_FlagThatIsNotTrueOrFalse_IsAnError(string key)
    {
        var error = Assert.Single(Validate("Development", (key, "yes")).Errors);

        Assert.StartsWith(key, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1023")]
    [InlineData("1MB")]
    public void Validate_MaxRequestBodyBytesBelow1024OrUnreadable_IsAnError(string value)
    {
        var error = Assert.Single(Validate("Development", ("MAX_REQUEST_BODY_BYTES", value)).Errors);

        Assert.StartsWith("MAX_REQUEST_BODY_BYTES", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RabbitMqUrlThatIsNotAmqp_IsAnError()
    {
        var error = Assert.Single(Validate("Development", ("RABBITMQ_URL", "http://rabbit:15672")).Errors);

        Assert.StartsWith("RABBITMQ_URL", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/messages")]
    [InlineData("api.provider.example/v1")]
    [InlineData("ftp://api.provider.example/v1")]
    public void Validate_WhatsAppUrlThatIsNotAnAbsoluteHttpUrl_IsAnError(string url)
    {
        var error = Assert.Single(Validate("Development", ("WHATSAPP_API_URL", url)).Errors);

        Assert.StartsWith("WHATSAPP_API_URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownLogLevel_IsAnError()
    {
        var error = Assert.Single(Validate("Development", ("LOG_LEVEL", "Chatty")).Errors);

        Assert.StartsWith("LOG_LEVEL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRabbitMqAndWhatsApp_AreWarningsNotErrors()
    {
        var report = Validate("Production", ("RABBITMQ_URL", null), ("WHATSAPP_API_URL", null), ("WHATSAPP_API_TOKEN", null));

        Assert.True(report.IsValid);
        Assert.Contains(report.Warnings, w => w.StartsWith("RABBITMQ_URL", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("WHATSAPP_API_URL", StringComparison.Ordinal) && w.Contains("WHATSAPP_API_TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownEnvironment_IsAWarning()
    {
        var report = Validate("Qa");

        Assert.True(report.IsValid);
        Assert.Contains(report.Warnings, w => w.Contains("'Qa'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("redis://redis:6379")]
    [InlineData("rediss://:s3cret@cache.example.com:6380/2")]
    public void Validate_RedisUrl_IsAccepted_WithoutWarnings(string url)
    {
        var report = Validate("Production", ("REDIS_URL", url));

        Assert.True(report.IsValid);
        Assert.Empty(report.Warnings);
    }

    [Theory]
    [InlineData("redis:6379")]
    [InlineData("http://redis:6379")]
    [InlineData("redis://redis:6379/cache")]
    public void Validate_RedisUrl_NotARedisUrl_IsAnError(string url)
    {
        var report = Validate("Production", ("REDIS_URL", url));

        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.StartsWith("REDIS_URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ACompleteConfiguration_HasNoWarnings()
    {
        Assert.Empty(Validate("Production").Warnings);
    }

    [Fact]
    public void Validate_ValuesThatDoNotConvert_AreEachReported_EvenInOneOptionsClass()
    {
        // The configuration binder stops at the first value it cannot convert; the check names every one.
        var report = Validate("Development", ("PORT", "eighty"), ("MANAGEMENT_PORT", "ninety"), ("SHUTDOWN_TIMEOUT_SECONDS", "soon"), ("DB_POOL_SIZE", "many"));

        Assert.Equal(
            ["DB_POOL_SIZE", "MANAGEMENT_PORT", "PORT", "SHUTDOWN_TIMEOUT_SECONDS"],
            report.Errors.Select(e => e.Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_BlankValues_CountAsUnset()
    {
        // docker compose passes "" for an optional variable it was not given.
        Assert.True(Validate("Production", ("PORT", ""), ("REDIS_URL", " "), ("SCHEDULER_ENABLED", "")).IsValid);
    }

    [Fact]
    public void Host_ValidatesTheOptionsOnStart_WithTheSameRules()
    {
        // ValidateOnStart: a host given invalid settings does not start, whatever ran before it.
        var settings = Settings.Normalize(Configuration(("JWT_SECRET", "short"), ("RATE_LIMIT_MAX_REQUESTS", "0")));
        var services = new ServiceCollection().AddSingleton(new SettingsEnvironment("Production")).AddServiceSettings(settings);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var messages = Flatten(failure).SelectMany(e => e.Failures).ToList();
        Assert.Contains(messages, m => m.StartsWith("JWT_SECRET is missing or shorter than 32", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("RATE_LIMIT_MAX_REQUESTS must be a whole number from 1", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryOptionsClassBoundFromAVariable_IsRegisteredWithItsRules()
    {
        var bound = OptionsLayers().SelectMany(a => a.GetTypes())
            .Where(t => t.GetProperties().Any(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>() is not null))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        using var provider = new ServiceCollection().AddServiceSettings(Settings.Normalize(Configuration())).BuildServiceProvider();

        var registered = provider.GetServices<SettingsEntry>().Select(e => e.Type.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(bound, registered);
        Assert.True(bound.Count >= 15, string.Join(", ", bound));
    }

    [Fact]
    public void EveryVariable_IsBoundByOneProperty()
    {
        // One owner per variable: two properties bound from one variable can drift apart in default and range.
        var owners = OptionsLayers().SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties().Select(p => (Property: $"{t.Name}.{p.Name}", Key: p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)))
            .Where(p => p.Key is not null)
            .GroupBy(p => p.Key!, StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.Empty(owners.Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Property))}"));
        Assert.Contains(owners, g => g.Key == "PENDING_APPROVAL_TIMEOUT_MINUTES" && g.Single().Property == "ApprovalOptions.PendingApprovalTimeoutMinutes");
    }

    private static Assembly[] OptionsLayers() =>
        [typeof(CleanVisitors.Application.DependencyInjection).Assembly, typeof(CleanVisitors.Infrastructure.DependencyInjection).Assembly, typeof(CleanVisitors.Api.DependencyInjection).Assembly];

    private static IEnumerable<OptionsValidationException> Flatten(Exception exception) => exception switch
    {
        OptionsValidationException single => [single],
        AggregateException many => many.InnerExceptions.SelectMany(Flatten),
        _ => [],
    };

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    /// <summary>A complete, valid configuration with the given settings changed (null removes one).</summary>
    private static SettingsReport Validate(string environment, params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DATABASE_URL"] = "postgresql://app:pw@db:5432/visits",
            ["JWT_SECRET"] = Secret,
            ["CRON_SECRET"] = "a-cron-secret-of-twenty-plus",
            ["CORS_ORIGIN"] = "https://desk.example.com,https://host.example.com",
            ["RABBITMQ_URL"] = "amqp://app:pw@rabbit:5672/",
            ["WHATSAPP_API_URL"] = "https://api.provider.example/v1",
            ["WHATSAPP_API_TOKEN"] = "whatsapp-token",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return ServiceSettings.Check(configuration, environment);
    }
}
