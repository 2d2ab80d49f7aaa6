using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Infrastructure.Jobs;

public static class JobInfrastructureSetup
{
    /// <summary>The in-process scheduler (unless <c>SCHEDULER_ENABLED</c> is false), the jobs' advisory lock and the outbox port they use.</summary>
    public static IServiceCollection AddJobInfrastructure(this IServiceCollection services, SchedulerOptions scheduler)
    {
        if (scheduler.Enabled)
        {
            services.AddHostedService<JobScheduler>();
        }

        services.AddSingleton<IJobLock, PostgresJobLock>();
        services.AddScoped<IOutbox, OutboxGateway>();
        return services;
    }
}
