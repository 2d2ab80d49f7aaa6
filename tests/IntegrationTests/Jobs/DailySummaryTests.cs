using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>daily-summary: one message per day, sent once to each active Admin with a phone number.</summary>
public sealed class DailySummaryTests(CronApiFactory factory) : CronTest(factory)
{
    private static readonly TimeSpan ConsumerDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DailySummary_SendsEachActiveAdminWithAPhoneNumberYesterdaysSummaryOnce()
    {
        var firstAdmin = await Data.UserAsync("Admin", phoneNumber: TestData.PhoneNumber());
        var secondAdmin = await Data.UserAsync("Admin", phoneNumber: TestData.PhoneNumber());
        var adminWithoutPhone = await Data.UserAsync("Admin");
        var formerAdmin = await Data.UserAsync("Admin", phoneNumber: TestData.PhoneNumber());
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{formerAdmin.Id}", new { isActive = false }), HttpStatusCode.OK);
        var host = await Data.UserAsync("Host", phoneNumber: TestData.PhoneNumber());
        var yesterdayNoon = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1).AddHours(12);
        var pending = await Data.PendingVisitAsync(host.Id);
        var rejected = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(rejected.Id, "reject");
        await Data.PendingVisitAsync(host.Id); // today: not in yesterday's summary
        await ExecuteAsync("UPDATE visits SET created_at = @at WHERE id = ANY(@ids)", ("at", new DateTimeOffset(yesterdayNoon)), ("ids", new[] { pending.Id, rejected.Id }));
        await ExecuteAsync("UPDATE visits SET rejected_at = @at WHERE id = @id", ("at", new DateTimeOffset(yesterdayNoon).AddHours(1)), ("id", rejected.Id));

        var first = await RunAsync("daily-summary");

        Assert.Equal(1, first.Affected);
        // Every active Admin gets a record: Sent with a phone number, Skipped without (the seeded Admin has none).
        await Eventually.UntilAsync(async () => await SummaryNotificationsAsync("Sent") == 2 && await SummaryNotificationsAsync("Skipped") == 2,
            ConsumerDeadline, "two Sent and two Skipped summary notifications");
        var expected = $"CleanVisitors summary for {yesterdayNoon.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: 2 visits, 0 checked in, 1 rejected, 0 expired.";
        Assert.Equal(expected, Assert.Single(SummariesTo(firstAdmin)).Text);
        Assert.Equal(expected, Assert.Single(SummariesTo(secondAdmin)).Text);
        Assert.Empty(SummariesTo(formerAdmin));
        Assert.Empty(SummariesTo(host));
        Assert.Equal(2, Factory.Sender.Sent.Count(m => m.Text.StartsWith("CleanVisitors summary", StringComparison.Ordinal)));
        Assert.Equal("Skipped", await ScalarAsync<string>("SELECT status FROM notifications WHERE kind = 'DailySummary' AND recipient_id = @id", ("id", adminWithoutPhone.Id)));

        var second = await RunAsync("daily-summary");

        Assert.Equal(0, second.Affected);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE type = 'daily-summary-requested'"));
    }

    [Fact]
    public async Task DailySummary_WhenTheMessageIsDeliveredAgain_SendsOnlyToAdminsWhoHaveNoneYet()
    {
        var admin = await Data.UserAsync("Admin", phoneNumber: TestData.PhoneNumber());
        Assert.Equal(1, (await RunAsync("daily-summary")).Affected);
        await Eventually.UntilAsync(async () => await SummaryNotificationsAsync("Sent") == 1, ConsumerDeadline, "the first summary");
        var newAdmin = await Data.UserAsync("Admin", phoneNumber: TestData.PhoneNumber());

        // Redelivery: the same outbox row (same message id) is published again.
        Assert.Equal(1, await ExecuteAsync("UPDATE outbox_messages SET dispatched_at = NULL WHERE type = 'daily-summary-requested'"));
        await RunAsync("outbox-sweep");

        await Eventually.UntilAsync(async () => await SummaryNotificationsAsync("Sent") == 2, ConsumerDeadline, "the new Admin's summary");
        Assert.Single(SummariesTo(admin));
        Assert.Single(SummariesTo(newAdmin));
    }

    private IEnumerable<SentMessage> SummariesTo(UserBody user) =>
        Factory.Sender.Sent.Where(m => m.PhoneNumber == user.PhoneNumber && m.Text.StartsWith("CleanVisitors summary", StringComparison.Ordinal));

    private Task<long> SummaryNotificationsAsync(string status) =>
        ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'DailySummary' AND status = @status AND visit_id IS NULL", ("status", status));
}
