using System.Diagnostics.Metrics;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>NOTIFICATION_RETRY_LIMIT=0: a refused message is delivered once, not retried, and given up on once.</summary>
public sealed class NoRetryFactory : MessagingApiFactory
{
    public NoRetryFactory()
    {
        Settings["NOTIFICATION_RETRY_LIMIT"] = "0";
        Settings["WHATSAPP_HTTP_RETRIES"] = "0";
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "100";
    }
}

public sealed class NoRetryDeliveryTests(NoRetryFactory factory) : MessagingTest<NoRetryFactory>(factory)
{
    [Fact]
    public async Task WithoutRetries_ARefusedNotification_IsTriedOnce_AndCountedDeadLetteredOnce()
    {
        using var deadLettered = new MetricCollector<long>(
            Factory.Services.GetRequiredService<IMeterFactory>(), ApplicationMetrics.MeterName, "cleanvisitors.notifications.dead_lettered");
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.AlwaysRespond(hostPhone, 400);
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);

        var visit = await Data.PendingVisitAsync(host.Id);

        var failed = await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Status == "Failed", Patience);
        // MassTransit's last word on the message: once it is in the error queue, no retry of it can follow.
        Assert.True(await ErrorQueue.HoldsAsync(Factory.Broker.Url, "visit-notification_error", visit.Id, Patience), "the message never reached the error queue");
        var settled = await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Attempts >= 1, Patience);
        Assert.Equal(1, settled.Attempts);
        Assert.Single(WhatsApp.RequestsTo(hostPhone));
        var measurement = Assert.Single(deadLettered.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("Failed", failed.Status);
    }
}
