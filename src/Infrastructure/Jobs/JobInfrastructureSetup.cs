using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Messaging.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Infrastructure.Jobs;

public static class JobInfrastructureSetup
{
    /// <summary>The scheduled jobs' settings, the in-process scheduler, their advisory lock and the outbox port they use.</summary>
    public static IServiceCollection AddJobInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Configure(o =>
        {
            o.PendingApprovalTimeoutMinutes = Math.Max(1, configuration.Number("PENDING_APPROVAL_TIMEOUT_MINUTES", o.PendingApprovalTimeoutMinutes));
            o.NoShowGraceMinutes = Math.Max(0, configuration.Number("NO_SHOW_GRACE_MINUTES", o.NoShowGraceMinutes));
            o.MaxVisitHours = Math.Max(1, configuration.Number("MAX_VISIT_HOURS", o.MaxVisitHours));
            o.RetentionDays = Math.Max(1, configuration.Number("RETENTION_DAYS", o.RetentionDays));
            o.BatchSize = Math.Max(1, configuration.Number("JOB_BATCH_SIZE", o.BatchSize));
        });
        services.AddOptions<SchedulerOptions>().Configure(o =>
            o.Interval = TimeSpan.FromSeconds(Math.Max(1, configuration.Number("SCHEDULER_INTERVAL_SECONDS", (int)o.Interval.TotalSeconds))));
        if (configuration.Flag("SCHEDULER_ENABLED", true))
        {
            services.AddHostedService<JobScheduler>();
        }

        services.AddSingleton<IJobLock, PostgresJobLock>();
        services.AddScoped<IOutbox, OutboxGateway>();
        return services;
    }
}
