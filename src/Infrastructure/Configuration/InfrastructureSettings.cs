using CleanVisitors.Application.Approvals;
using CleanVisitors.Application.Auth;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Jobs;
using CleanVisitors.Infrastructure.Messaging;
using CleanVisitors.Infrastructure.Messaging.Outbox;
using CleanVisitors.Infrastructure.Notifications.WhatsApp;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Configuration;

public static class InfrastructureSettings
{
    /// <summary>The options classes of the application and infrastructure layers, each bound and validated on start.</summary>
    public static IServiceCollection AddInfrastructureSettings(this IServiceCollection services, IConfiguration settings)
    {
        // The host registers the environment it runs in first; without one, Production's rules apply.
        services.TryAddSingleton(new SettingsEnvironment("Production"));
        services.AddSettings<DatabaseOptions, DatabaseOptionsRules>(settings);
        services.AddSettings<SeedOptions, SeedOptionsRules>(settings);
        services.AddSettings<JwtOptions, JwtOptionsRules>(settings);
        services.AddSettings<AuthOptions, AuthOptionsRules>(settings);
        services.AddSettings<MessagingOptions, MessagingOptionsRules>(settings);
        services.AddSettings<OutboxOptions, OutboxOptionsRules>(settings)
            .PostConfigure<IOptions<MessagingOptions>>((o, messaging) => o.KeepUntilConsumed = messaging.Value.RabbitMqUrl is null);
        services.AddSettings<WhatsAppOptions, WhatsAppOptionsRules>(settings);
        services.AddSettings<BlobStorageOptions, BlobStorageOptionsRules>(settings);
        services.AddSettings<SchedulerOptions, SchedulerOptionsRules>(settings);
        services.AddSettings<JobOptions, JobOptionsRules>(settings);
        services.AddSettings<NotificationOptions, NotificationOptionsRules>(settings);
        services.AddSettings<ApprovalOptions, ApprovalOptionsRules>(settings);
        services.AddSettings<ApplicationOptions, ApplicationOptionsRules>(settings);
        return services;
    }
}
