using CleanVisitors.Application.Auth;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Visits.Queries.ExportVisits;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Health;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Jobs;
using CleanVisitors.Infrastructure.Messaging;
using CleanVisitors.Infrastructure.Messaging.Outbox;
using CleanVisitors.Infrastructure.Notifications.WhatsApp;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.Infrastructure.Persistence.Interceptors;
using CleanVisitors.Infrastructure.Storage;
using HealthChecks.NpgSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CleanVisitors.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        AddPersistence(services, configuration);
        AddIdentity(services, configuration);
        services.AddBlobStorage(configuration);
        services.AddMessaging(configuration);
        AddNotifications(services, configuration);
        services.AddJobInfrastructure(configuration);
        services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        var connection = DatabaseConnection.Build(configuration);
        var dataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString)
            // Spans for commands run within a trace (a request, a job, a consumer), not for the background polls (the
            // outbox every 2 s on every instance), which would each start a trace of their own.
            .ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
                .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null)
                .EnableFirstResponseEvent(false)
                // A physical open (pool warm-up, a reconnect) would be a root span: traced with no trace to join.
                .EnablePhysicalOpenTracing(false))
            .Build();
        services.AddSingleton(dataSource);
        services.AddSingleton<Telemetry.OperationalMetrics>();
        services.AddHostedService(provider => provider.GetRequiredService<Telemetry.OperationalMetrics>());
        // The same data source as the app; a description of its own, since the NpgSql check gives none when healthy.
        services.AddHealthChecks().AddNpgSql(
            new NpgSqlHealthCheckOptions(dataSource) { HealthCheckResultBuilder = _ => HealthCheckResult.Healthy("PostgreSQL answers queries.") },
            name: "postgresql",
            tags: [ReadyTag]);
        services.AddSingleton<CommandTimingInterceptor>();
        services.AddSingleton<UserStates>();
        services.AddSingleton<UserStateInvalidation>();
        services.AddDbContextPool<CleanVisitorsDbContext>((provider, options) => options
            .UseNpgsql(dataSource, npgsql => npgsql
                .MigrationsHistoryTable(CleanVisitorsDbContext.MigrationsHistoryTable)
                // Bounded: one quick retry of a transient failure, so a request fails fast when the database is down.
                .EnableRetryOnFailure(maxRetryCount: 1, maxRetryDelay: TimeSpan.FromMilliseconds(200), errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(
                provider.GetRequiredService<CommandTimingInterceptor>(),
                provider.GetRequiredService<OutboxSaveChangesInterceptor>(),
                provider.GetRequiredService<UserStateInvalidation>()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<CleanVisitorsDbContext>());
        services.AddSingleton<IVisitExportSource>(sp => new VisitExportSource(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped<DatabaseInitializer>();
        services.AddOptions<SeedOptions>().Configure(o =>
        {
            o.AdminEmail = configuration.Setting("ADMIN_EMAIL");
            o.AdminPassword = configuration.Setting("ADMIN_PASSWORD");
            o.DefaultSiteTimeZone = configuration.Setting("DEFAULT_SITE_TIME_ZONE") ?? o.DefaultSiteTimeZone;
        });
    }

    private static void AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Configure(o =>
        {
            o.PublicBaseUrl = configuration.Setting("PUBLIC_BASE_URL") ?? o.PublicBaseUrl;
            o.PendingApprovalTimeoutMinutes = Math.Max(1, configuration.Number("PENDING_APPROVAL_TIMEOUT_MINUTES", o.PendingApprovalTimeoutMinutes));
        });
        var attemptTimeout = TimeSpan.FromMilliseconds(Math.Max(100, configuration.Number("WHATSAPP_TIMEOUT_MS", 5000)));
        var retries = Math.Max(0, configuration.Number("WHATSAPP_HTTP_RETRIES", 2));
        var totalTimeout = attemptTimeout * (retries + 1) + TimeSpan.FromSeconds(10);
        services.AddOptions<WhatsAppOptions>().Configure(o =>
        {
            o.ApiUrl = configuration.Setting("WHATSAPP_API_URL");
            o.ApiToken = configuration.Setting("WHATSAPP_API_TOKEN");
            o.AccessKey = configuration.Setting("WHATSAPP_API_ACCESS_KEY");
            o.SecretKey = configuration.Setting("WHATSAPP_API_SECRET_KEY");
            o.SendTimeout = totalTimeout;
        });
        services.AddTransient<AttemptCountingHandler>();
        var whatsApp = services.AddHttpClient<INotificationSender, WhatsAppClient>().ConfigurePrimaryHttpMessageHandler(OutboundHttp.NoRedirects);
        whatsApp.AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = attemptTimeout;
            resilience.Retry.MaxRetryAttempts = Math.Max(1, retries);
            resilience.Retry.ShouldHandle = retries == 0 ? _ => ValueTask.FromResult(false) : resilience.Retry.ShouldHandle;
            resilience.Retry.UseJitter = true;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(Math.Max(1, configuration.Number("WHATSAPP_RETRY_DELAY_MS", 500)));
            resilience.TotalRequestTimeout.Timeout = totalTimeout;
            resilience.CircuitBreaker.SamplingDuration = attemptTimeout * 2 + TimeSpan.FromSeconds(20);
            // The library's default needs 100 attempts in the sampling window before it may open, which a visitor
            // service's notification volume never reaches: the breaker would never protect the provider (or us).
            // Open once at least half of 10 or more attempts in the window failed.
            resilience.CircuitBreaker.MinimumThroughput = 10;
            resilience.CircuitBreaker.FailureRatio = 0.5;
        });

        // Added after the resilience handler, so it sits inside it and counts every retry.
        whatsApp.AddHttpMessageHandler<AttemptCountingHandler>();
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher, PasswordHasher>();
        services.AddSingleton<ITokenService, TokenService>();
        services.AddOptions<JwtOptions>().Configure(o =>
        {
            o.Secret = configuration.Setting("JWT_SECRET") ?? string.Empty;
            o.ExpiresMinutes = Math.Max(1, configuration.Number("JWT_EXPIRES_MINUTES", o.ExpiresMinutes));
        }).Validate(o => o.Secret.Length >= JwtOptions.MinimumSecretLength, $"JWT_SECRET must be at least {JwtOptions.MinimumSecretLength} characters.")
          .ValidateOnStart();
        services.AddOptions<AuthOptions>().Configure(o =>
            o.RefreshTokenLifetime = TimeSpan.FromHours(Math.Max(1, configuration.Number("REFRESH_TOKEN_HOURS", (int)o.RefreshTokenLifetime.TotalHours))));
    }
}
