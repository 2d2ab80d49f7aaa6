using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Jobs;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(PerformanceBehavior<,>),
            ];
        });
        services.AddScoped<SystemCaller>();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddSingleton<ApplicationMetrics>();
        services.AddOptions<ApplicationOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CleanVisitors.Application.Notifications.NotificationDelivery>();
        services.AddScoped<CleanVisitors.Application.Approvals.ApprovalLinks>();
        services.AddScheduledJobs();
        return services;
    }
}
