using System.Globalization;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Infrastructure;

/// <summary>
/// The in-process scheduler is on unless turned off (contract, Scheduled jobs), and ticks once per slot of the configured
/// interval, at a random moment in the slot's first quarter.
/// </summary>
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

    [Theory]
    [InlineData("2026-12-02T10:00:00Z", 0.0, "2026-12-02T10:01:00Z")]
    [InlineData("2026-12-02T10:00:00Z", 1.0, "2026-12-02T10:01:15Z")]
    [InlineData("2026-12-02T10:00:59.999Z", 0.0, "2026-12-02T10:01:00Z")]
    [InlineData("2026-12-02T10:00:17Z", 0.5, "2026-12-02T10:01:07.5Z")]
    [InlineData("2026-12-02T10:00:17Z", 7.0, "2026-12-02T10:01:15Z")]
    public void Delay_ReachesTheNextSlot_AndSpreadsOverItsFirstQuarter(string now, double random, string expected)
    {
        var from = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), from + JobScheduler.Delay(from, TimeSpan.FromMinutes(1), random));
    }

    [Fact]
    public void Delay_AfterATickInItsSlot_WaitsForTheNextSlot_NeverRunsTwiceInOne()
    {
        var interval = TimeSpan.FromSeconds(7);
        var now = DateTimeOffset.Parse("2026-12-02T10:00:03Z", CultureInfo.InvariantCulture);
        var slots = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            now += JobScheduler.Delay(now, interval, (i * 0.37) % 1);
            slots.Add((long)Math.Floor((now - DateTimeOffset.UnixEpoch) / interval));
            now += TimeSpan.FromMilliseconds(300); // the tick itself
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => slots[0] + i), slots);
    }

    private static ServiceCollection Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var normalized = Settings.Normalize(configuration);
        var services = new ServiceCollection();
        services.AddInfrastructureSettings(normalized);
        services.AddJobInfrastructure(normalized.Read<SchedulerOptions>());
        return services;
    }

    private static SchedulerOptions Options(ServiceCollection services) =>
        services.BuildServiceProvider().GetRequiredService<IOptions<SchedulerOptions>>().Value;
}
