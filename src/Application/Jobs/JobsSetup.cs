using CleanVisitors.Application.Jobs.Scheduled;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Application.Jobs;

public static class JobsSetup
{
    /// <summary>The scheduled jobs, in the order <c>tick</c> runs them (outbox-sweep last: it publishes what the others wrote).</summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>();
        services.AddScoped<VisitBatches>();
        services.AddScoped<IScheduledJob, ExpirePendingJob>();
        services.AddScoped<IScheduledJob, MarkNoShowsJob>();
        services.AddScoped<IScheduledJob, AutoCheckoutJob>();
        services.AddScoped<IScheduledJob, PurgeRetentionJob>();
        services.AddScoped<IScheduledJob, DailySummaryJob>();
        services.AddScoped<IScheduledJob, OutboxSweepJob>();
        services.AddScoped<JobRunner>();
        services.AddScoped<TickJob>();
        return services;
    }
}
