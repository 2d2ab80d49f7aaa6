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

    /// <summary>
    /// The infrastructure layer, its options bound from <paramref name="settings"/> (<see cref="InfrastructureSettings"/>);
    /// what decides which services to register is read from the same options.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration settings)
    {
        services.AddInfrastructureSettings(settings);
        AddPersistence(services, settings.Read<DatabaseOptions>());
        AddIdentity(services);
        services.AddBlobStorage(settings.Read<BlobStorageOptions>());
        services.AddMessaging(settings.Read<MessagingOptions>());
        AddNotifications(services, settings.Read<WhatsAppOptions>());
        services.AddJobInfrastructure(settings.Read<SchedulerOptions>());
        services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, DatabaseOptions database)
    {
        var connection = DatabaseConnection.Build(database);
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
    }

    private static void AddNotifications(IServiceCollection services, WhatsAppOptions whatsAppOptions)
    {
        var attemptTimeout = whatsAppOptions.AttemptTimeout;
        var retries = whatsAppOptions.HttpRetries;
        services.AddTransient<AttemptCountingHandler>();
        var whatsApp = services.AddHttpClient<INotificationSender, WhatsAppClient>().ConfigurePrimaryHttpMessageHandler(OutboundHttp.NoRedirects);
        whatsApp.AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = attemptTimeout;
            resilience.Retry.MaxRetryAttempts = Math.Max(1, retries);
            resilience.Retry.ShouldHandle = retries == 0 ? _ => ValueTask.FromResult(false) : resilience.Retry.ShouldHandle;
            resilience.Retry.UseJitter = true;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(whatsAppOptions.RetryDelayMs);
            resilience.TotalRequestTimeout.Timeout = whatsAppOptions.SendTimeout;
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

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher, PasswordHasher>();
        services.AddSingleton<ITokenService, TokenService>();
    }
}
