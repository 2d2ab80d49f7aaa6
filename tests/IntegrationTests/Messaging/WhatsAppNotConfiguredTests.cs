using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>The API without WHATSAPP_API_URL and WHATSAPP_API_TOKEN (the fake runs, but nobody is told about it).</summary>
public sealed class WhatsAppNotConfiguredFactory : MessagingApiFactory
{
    public WhatsAppNotConfiguredFactory()
    {
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "100";
    }

    protected override bool ConfigureWhatsApp => false;
}

public sealed class WhatsAppNotConfiguredTests(WhatsAppNotConfiguredFactory factory) : MessagingTest<WhatsAppNotConfiguredFactory>(factory)
{
    [Fact]
    public async Task Notifications_WithoutProvider_AreRecordedSkipped_NotFailed()
    {
        var host = await Data.UserAsync("Host", phoneNumber: TestData.PhoneNumber());
        var visitor = await Data.VisitorAsync();
        var visit = await Data.PendingVisitAsync(host.Id, visitor.Id);
        await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Status != "Pending", Patience);

        await Data.TransitionAsync(visit.Id, "approve");

        foreach (var (kind, phone) in new[] { ("ApprovalRequested", host.PhoneNumber!), ("Approved", visitor.PhoneNumber!) })
        {
            var notification = await Data.Admin.NotificationAsync(visit.Id, kind, n => n.Status != "Pending", Patience);
            Assert.Equal("Skipped", notification.Status);
            Assert.Equal("WhatsApp is not configured.", notification.LastError);
            Assert.Equal(0, notification.Attempts);
            Assert.Equal(phone[..3] + new string('*', phone.Length - 6) + phone[^3..], notification.Recipient);
        }

        Assert.Empty(WhatsApp.Requests);
    }
}
