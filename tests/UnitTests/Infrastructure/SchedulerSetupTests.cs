using CleanVisitors.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Infrastructure;

/// <summary>The in-process scheduler is on unless turned off (contract, Scheduled jobs), and ticks at the configured interval.</summary>
public sealed class SchedulerSetupTests
{
    [Fact]
    public void Scheduler_WithNothingConfigured_RunsEveryMinute()
    {
        var services = Services();

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(JobScheduler));
        Assert.Equal(TimeSpan.FromSeconds(60), Options(services).Interval);
    }

    [Fact]
    public void Scheduler_Disabled_IsNotRegistered()
    {
        var services = Services(("SCHEDULER_ENABLED", "false"));

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(JobScheduler));
    }

    [Fact]
    public void Scheduler_Interval_IsReadInSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Options(Services(("SCHEDULER_INTERVAL_SECONDS", "15"))).Interval);
    }

    private static ServiceCollection Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddJobInfrastructure(configuration);
        return services;
    }

    private static SchedulerOptions Options(ServiceCollection services) =>
        services.BuildServiceProvider().GetRequiredService<IOptions<SchedulerOptions>>().Value;
}
