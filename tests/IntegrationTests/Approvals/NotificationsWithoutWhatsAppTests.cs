using CleanVisitors.Application.Notifications;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Approvals;

/// <summary>The shared API fixture has no WhatsApp provider configured: notifications are Skipped, never errors.</summary>
public sealed class NotificationsWithoutWhatsAppTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Without_WhatsApp_configured_the_approval_request_is_recorded_as_skipped()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            Assert.False(scope.ServiceProvider.GetRequiredService<INotificationSender>().IsConfigured,
                "This test needs WHATSAPP_API_URL / WHATSAPP_API_TOKEN unset in the test runner's environment.");
        }

        var host = await Data.UserAsync("Host", "Hanna Host", TestData.PhoneNumber());
        var visit = await Data.PendingVisitAsync(host.Id);
        var scenario = new ApprovalScenario(Factory, whatsApp: null, Data);

        var notifications = await scenario.WaitForNotificationsAsync(visit.Id, n => n.Count > 0);

        var skipped = Assert.Single(notifications);
        Assert.Equal(("ApprovalRequested", "Skipped", 0), (skipped.Kind, skipped.Status, skipped.Attempts));
        Assert.Contains("not configured", skipped.LastError, StringComparison.Ordinal);
        Assert.Equal(host.PhoneNumber![..3], skipped.Recipient[..3]);
        Assert.Equal("PendingApproval", (await scenario.VisitAsync(visit.Id)).Status);
    }
}
