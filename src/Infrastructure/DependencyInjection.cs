using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Health;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanVisitors.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        AddPersistence(services, configuration);
        AddIdentity(services, configuration);
        services.AddHealthChecks()
            .AddNpgSql(name: "postgresql", tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        var connection = DatabaseUrl.Parse(configuration["DATABASE_URL"]);
        if (int.TryParse(configuration["DB_POOL_SIZE"], out var poolSize) && poolSize > 0)
        {
            connection.MaxPoolSize = poolSize;
        }

        connection.CommandTimeout = connection.CommandTimeout is 30 ? 15 : connection.CommandTimeout;
        var dataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextPool<CleanVisitorsDbContext>(options => options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<CleanVisitorsDbContext>());
        services.AddScoped<DatabaseInitializer>();
        services.AddOptions<SeedOptions>().Configure(o =>
        {
            o.AdminEmail = configuration["ADMIN_EMAIL"];
            o.AdminPassword = configuration["ADMIN_PASSWORD"];
            o.DefaultSiteTimeZone = configuration["DEFAULT_SITE_TIME_ZONE"] ?? o.DefaultSiteTimeZone;
        });
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher, PasswordHasher>();
        services.AddSingleton<ITokenService, TokenService>();
        services.AddOptions<JwtOptions>().Configure(o =>
        {
            o.Secret = configuration["JWT_SECRET"] ?? string.Empty;
            if (int.TryParse(configuration["JWT_EXPIRES_MINUTES"], out var minutes) && minutes > 0)
            {
                o.ExpiresMinutes = minutes;
            }
        }).Validate(o => o.Secret.Length >= JwtOptions.MinimumSecretLength, $"JWT_SECRET must be at least {JwtOptions.MinimumSecretLength} characters.")
          .ValidateOnStart();
    }
}
