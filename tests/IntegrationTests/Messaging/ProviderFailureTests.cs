using System.Diagnostics.Metrics;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// No HTTP retries inside the WhatsApp client and a 300 ms attempt timeout: every retry seen here is the consumer's
/// (NOTIFICATION_RETRY_LIMIT = 3, so at most 4 deliveries of a message), one HTTP request each.
/// </summary>
public sealed class ProviderFailureFactory : MessagingApiFactory
{
    public const int RetryLimit = 3;

    public ProviderFailureFactory()
    {
        Settings["WHATSAPP_HTTP_RETRIES"] = "0";
        Settings["WHATSAPP_TIMEOUT_MS"] = "300";
        Settings["NOTIFICATION_RETRY_LIMIT"] = RetryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "100";
    }
}

/// <summary>A provider that fails, refuses or hangs: the notification is retried by the consumer, and never lost from the record.</summary>
[Trait("Category", "Fault")]
public sealed class ProviderFailureTests(ProviderFailureFactory factory) : MessagingTest<ProviderFailureFactory>(factory)
{
    private const int Deliveries = ProviderFailureFactory.RetryLimit + 1;

    [Fact]
    public async Task ProviderFailingTwice_IsRetriedByTheConsumer_AndEndsSentAfterThreeAttempts()
    {
        using var sentMetric = Collect("cleanvisitors.notifications.sent");
        using var failedMetric = Collect("cleanvisitors.notifications.failed");
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.RespondInTurn(hostPhone, 500, 500);
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);

        var visit = await Data.PendingVisitAsync(host.Id);

        var notification = await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
        Assert.Equal(3, notification.Attempts);
        Assert.Null(notification.LastError);
        Assert.Equal([500, 500, 200], WhatsApp.RequestsTo(hostPhone).Select(r => r.StatusCode));
        Assert.Contains(sentMetric.GetMeasurementSnapshot(), m => Equals(m.Tags["kind"], "approval_requested"));
        Assert.True(failedMetric.GetMeasurementSnapshot().Count(m => Equals(m.Tags["kind"], "approval_requested")) >= 2);
    }

    [Fact]
    public async Task ProviderRefusing_LeavesNotificationFailedWithTheError_RetriedUntilTheRetryLimit()
    {
        using var failedMetric = Collect("cleanvisitors.notifications.failed");
        using var deadLettered = Collect("cleanvisitors.notifications.dead_lettered");
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.AlwaysRespond(hostPhone, 400);
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);

        var visit = await Data.PendingVisitAsync(host.Id);

        var failed = await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Status == "Failed", Patience);
        Assert.Contains("HTTP 400", failed.LastError);
        var final = await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Attempts == Deliveries, Patience);
        Assert.Equal("Failed", final.Status);
        Assert.Contains("HTTP 400", final.LastError);
        Assert.Null(final.SentAt);
        await WhatsApp.WaitForAsync(hostPhone, Deliveries, Patience);
        Assert.All(WhatsApp.RequestsTo(hostPhone), r => Assert.Equal(400, r.StatusCode));
        Assert.True(await ErrorQueue.HoldsAsync(Factory.Broker.Url, "visit-notification_error", visit.Id, Patience), $"No message for visit {visit.Id} reached the visit-notification_error queue.");
        Assert.True(failedMetric.GetMeasurementSnapshot().Count(m => Equals(m.Tags["kind"], "approval_requested")) >= Deliveries);
        Assert.Contains(deadLettered.GetMeasurementSnapshot(), m => Equals(m.Tags["kind"], "approval_requested"));
    }

    /// <summary>This host's application meter's <paramref name="instrument"/> from now on.</summary>
    private MetricCollector<long> Collect(string instrument) =>
        new(Factory.Services.GetRequiredService<IMeterFactory>(), ApplicationMetrics.MeterName, instrument);

    [Fact]
    public async Task ProviderTooSlow_TimesOut_LeavesNotificationFailed_AndIsRetried()
    {
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.Delay(hostPhone, TimeSpan.FromSeconds(3));
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);

        var visit = await Data.PendingVisitAsync(host.Id);

        var final = await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Attempts == Deliveries, Patience);
        Assert.Equal("Failed", final.Status);
        Assert.Contains("Timeout", final.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Null(final.SentAt);
        await WhatsApp.WaitForAsync(hostPhone, Deliveries, Patience);
    }
}
