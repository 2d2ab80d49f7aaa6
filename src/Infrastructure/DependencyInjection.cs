using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Health;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Messaging;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.Infrastructure.Persistence.Interceptors;
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
        services.AddMessaging(configuration);
        services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        var connection = DatabaseConnection.Build(configuration);
        var dataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        services.AddSingleton(dataSource);
        // The same data source as the app; a description of its own, since the NpgSql check gives none when healthy.
        services.AddHealthChecks().AddNpgSql(
            new NpgSqlHealthCheckOptions(dataSource) { HealthCheckResultBuilder = _ => HealthCheckResult.Healthy("PostgreSQL answers queries.") },
            name: "postgresql",
            tags: [ReadyTag]);
        services.AddSingleton<CommandTimingInterceptor>();
        services.AddDbContextPool<CleanVisitorsDbContext>((provider, options) => options
            .UseNpgsql(dataSource, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                // Bounded: one quick retry of a transient failure, so a request fails fast when the database is down.
                .EnableRetryOnFailure(maxRetryCount: 1, maxRetryDelay: TimeSpan.FromMilliseconds(200), errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(provider.GetRequiredService<CommandTimingInterceptor>()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<CleanVisitorsDbContext>());
        services.AddScoped<DatabaseInitializer>();
        services.AddOptions<SeedOptions>().Configure(o =>
        {
            o.AdminEmail = configuration.Setting("ADMIN_EMAIL");
            o.AdminPassword = configuration.Setting("ADMIN_PASSWORD");
            o.DefaultSiteTimeZone = configuration.Setting("DEFAULT_SITE_TIME_ZONE") ?? o.DefaultSiteTimeZone;
        });
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
    }
}
