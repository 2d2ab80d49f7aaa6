using System.Diagnostics.Metrics;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Behaviors;

public sealed class PerformanceBehaviorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<PerformanceBehavior<RegisterGuestCommand, Result<int>>> _logger = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ApplicationMetrics _metrics;
    private readonly MetricCollector<double> _durations;

    public PerformanceBehaviorTests()
    {
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new ApplicationMetrics(meterFactory);
        _durations = new MetricCollector<double>(meterFactory, ApplicationMetrics.MeterName, "cleanvisitors.handler.duration");
    }

    [Fact]
    public async Task Handle_WhenTheHandlerIsSlowerThanTheThreshold_LogsAWarning()
    {
        var behavior = Behavior(thresholdMs: 500);

        await behavior.Handle(new RegisterGuestCommand("Ada", "+1"), Taking(TimeSpan.FromMilliseconds(750)), CancellationToken.None);

        var warning = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(nameof(RegisterGuestCommand), warning.Message, StringComparison.Ordinal);
        Assert.Contains("750", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheHandlerIsFast_LogsNothing()
    {
        var behavior = Behavior(thresholdMs: 500);

        await behavior.Handle(new RegisterGuestCommand("Ada", "+1"), Taking(TimeSpan.FromMilliseconds(20)), CancellationToken.None);

        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Handle_RecordsTheDurationInTheHistogramTaggedWithTheRequestType()
    {
        var behavior = Behavior(thresholdMs: 500);

        await behavior.Handle(new RegisterGuestCommand("Ada", "+1"), Taking(TimeSpan.FromMilliseconds(120)), CancellationToken.None);

        var measurement = Assert.Single(_durations.GetMeasurementSnapshot());
        Assert.Equal(0.120, measurement.Value, precision: 6); // seconds, the OpenTelemetry unit
        Assert.Equal(nameof(RegisterGuestCommand), measurement.Tags["request"]);
    }

    public void Dispose()
    {
        _durations.Dispose();
        _services.Dispose();
    }

    private PerformanceBehavior<RegisterGuestCommand, Result<int>> Behavior(int thresholdMs) =>
        new(_logger, Options.Create(new ApplicationOptions { SlowHandlerThresholdMs = thresholdMs }), _metrics, _time);

    private MessageHandlerDelegate<RegisterGuestCommand, Result<int>> Taking(TimeSpan duration)
    {
        var next = Substitute.For<MessageHandlerDelegate<RegisterGuestCommand, Result<int>>>();
        next.Invoke(Arg.Any<RegisterGuestCommand>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _time.Advance(duration);
            return new ValueTask<Result<int>>(Result<int>.Success(1));
        });
        return next;
    }
}
