using CleanVisitors.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanVisitors.IntegrationTests.Security;

/// <summary>The service calls no host but the ones its operator configured (issue 8, finding 3).</summary>
public sealed class NoCallsHomeTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void MassTransit_UsageTelemetry_IsOff() =>
        // Left on, MassTransit posts its usage report to usage-tracking.masstransit.io after the bus starts.
        Assert.False(Factory.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
}
