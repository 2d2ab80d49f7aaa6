using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Sites;
using CleanVisitors.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// Polls the outbox only once a minute: a notification that leaves within a second was woken by its own commit,
/// which is what the latency test is about.
/// </summary>
public sealed class NotificationFactory : MessagingApiFactory
{
    public NotificationFactory()
    {
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "60000";
    }
}

/// <summary>
/// Each notification of a visit's life reaches the WhatsApp provider (a WireMock fake over HTTP) through the outbox,
/// real RabbitMQ and the consumer, with the right recipient, credentials and text, and is recorded as Sent.
/// </summary>
public sealed partial class NotificationDeliveryTests(NotificationFactory factory) : MessagingTest<NotificationFactory>(factory)
{
    [Fact]
    public async Task ApprovalRequest_ReachesHostWithFullApprovalLink_AndIsRecordedSent()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitor = await Data.VisitorAsync("Viktor Visitor", "Acme GmbH");

        var visit = await Data.PendingVisitAsync(host.Id, visitor.Id, "Quarterly review");

        var request = Assert.Single(await WhatsApp.WaitForAsync(hostPhone, 1, Patience));
        AssertProviderRequest(request, hostPhone);
        Assert.StartsWith("CleanVisitors: Viktor Visitor (Acme GmbH) is at " + Site.DefaultName + " to see you: Quarterly review.", request.Text);
        var link = ApprovalLink().Match(request.Text!);
        Assert.True(link.Success, $"No approval link on {MessagingApiFactory.PublicBaseUrl} at the end of: {request.Text}");
        Assert.True(link.Groups["token"].Value.Length >= 22, "An approval token carries at least 128 bits.");

        // The link is the service's own page for this visit.
        using var page = await Data.Anonymous.GetAsync(new Uri(link.Value).PathAndQuery);
        await TestData.Expect(page, HttpStatusCode.OK);
        Assert.Contains("Viktor Visitor", await page.Content.ReadAsStringAsync());

        var notification = await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
        AssertSentTo(notification, hostPhone);
    }

    [Fact]
    public async Task Invitation_ReachesVisitorWithBadgeCodeAndExpectedTimeInSiteTimeZone()
    {
        var tokyo = await SiteAsync("Tokyo Office", "Asia/Tokyo");
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var hostClient = await Factory.ClientForAsync(host.Email, "correct-horse-battery");
        var visitor = await Data.VisitorAsync("Viktor Visitor");

        // 01:15 UTC is 10:15 in Tokyo (UTC+9, no daylight saving time).
        var response = await TestData.InviteAsync(hostClient, visitor.PhoneNumber!, "Viktor Visitor", siteId: tokyo, purpose: "Workshop",
            expectedAt: new DateTimeOffset(2031, 3, 10, 1, 15, 0, TimeSpan.Zero));
        await TestData.Expect(response, HttpStatusCode.Created);
        var visit = (await response.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!;
        Assert.Equal("Approved", visit.Status);

        var request = Assert.Single(await WhatsApp.WaitForAsync(visitor.PhoneNumber!, 1, Patience));
        AssertProviderRequest(request, visitor.PhoneNumber!);
        Assert.Contains("Hanna Host invites you to Tokyo Office on 2031-03-10 10:15 (Asia/Tokyo)", request.Text);
        Assert.Contains($"badge code {visit.BadgeCode}", request.Text);

        AssertSentTo(await Data.Admin.SentAsync(visit.Id, "Invitation", Patience), visitor.PhoneNumber!);
        Assert.Empty(WhatsApp.RequestsTo(hostPhone)); // an invitation asks the host nothing
    }

    [Fact]
    public async Task Approval_ReachesVisitorWithBadgeCode()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitor = await Data.VisitorAsync("Viktor Visitor");
        var visit = await Data.PendingVisitAsync(host.Id, visitor.Id);
        await WhatsApp.WaitForAsync(hostPhone, 1, Patience); // the host decides once asked

        await Data.TransitionAsync(visit.Id, "approve");

        var request = Assert.Single(await WhatsApp.WaitForAsync(visitor.PhoneNumber!, 1, Patience));
        AssertProviderRequest(request, visitor.PhoneNumber!);
        Assert.Equal($"CleanVisitors: Hanna Host approved your visit to {Site.DefaultName}. Your badge code: {visit.BadgeCode}.", request.Text);
        AssertSentTo(await Data.Admin.SentAsync(visit.Id, "Approved", Patience), visitor.PhoneNumber!);
        AssertSentTo(await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience), hostPhone);
    }

    [Fact]
    public async Task Rejection_ReachesVisitor()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitor = await Data.VisitorAsync("Viktor Visitor");
        var visit = await Data.PendingVisitAsync(host.Id, visitor.Id);
        await WhatsApp.WaitForAsync(hostPhone, 1, Patience);

        var response = await Data.Admin.PostAsJsonAsync($"/api/visits/{visit.Id}/reject", new { reason = "Fully booked today" });
        await TestData.Expect(response, HttpStatusCode.OK);

        var request = Assert.Single(await WhatsApp.WaitForAsync(visitor.PhoneNumber!, 1, Patience));
        AssertProviderRequest(request, visitor.PhoneNumber!);
        Assert.Equal($"CleanVisitors: Hanna Host cannot receive you at {Site.DefaultName} this time. Please ask at the front desk.", request.Text);
        AssertSentTo(await Data.Admin.SentAsync(visit.Id, "Rejected", Patience), visitor.PhoneNumber!);
    }

    [Fact]
    public async Task CheckIn_TellsHostTheirVisitorArrived()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitor = await Data.VisitorAsync("Viktor Visitor");
        var visit = await Data.PendingVisitAsync(host.Id, visitor.Id);
        await WhatsApp.WaitForAsync(hostPhone, 1, Patience);
        await Data.TransitionAsync(visit.Id, "approve");

        await Data.TransitionAsync(visit.Id, "check-in");

        var requests = await WhatsApp.WaitForAsync(hostPhone, 2, Patience); // the approval request, then the arrival
        var arrival = Assert.Single(requests, r => !r.Text!.Contains("Approve or reject", StringComparison.Ordinal));
        AssertProviderRequest(arrival, hostPhone);
        Assert.Equal($"CleanVisitors: Viktor Visitor has checked in at {Site.DefaultName}.", arrival.Text);
        AssertSentTo(await Data.Admin.SentAsync(visit.Id, "VisitorArrived", Patience), hostPhone);
    }

    [Fact]
    public async Task CheckIn_OfAHostsInvitation_NamesTheVisitorAsTheHostGaveThem()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var hostClient = await Factory.ClientForAsync(host.Email, "correct-horse-battery");
        var stored = await Data.VisitorAsync("Stored Directory Name");
        var invited = await TestData.InviteAsync(hostClient, stored.PhoneNumber!, "Sent Name");
        var visit = (await invited.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!;
        await WhatsApp.WaitForAsync(stored.PhoneNumber!, 1, Patience); // the invitation to the visitor

        await Data.TransitionAsync(visit.Id, "check-in");

        // A Host learns nothing about the visitor directory, on WhatsApp either (API.md, Visits).
        var arrival = Assert.Single(await WhatsApp.WaitForAsync(hostPhone, 1, Patience));
        Assert.Equal($"CleanVisitors: Sent Name has checked in at {Site.DefaultName}.", arrival.Text);
    }

    [Fact]
    public async Task Notification_ReachesProviderWithinOneSecondOfTheResponse()
    {
        // The first message of a run also opens the broker channels and compiles the path; the bound is for a running service.
        var warmUpPhone = TestData.PhoneNumber();
        await Data.PendingVisitAsync((await Data.UserAsync("Host", phoneNumber: warmUpPhone)).Id);
        await WhatsApp.WaitForAsync(warmUpPhone, 1, Patience);

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var phone = TestData.PhoneNumber();
            var host = await Data.UserAsync("Host", phoneNumber: phone);
            var visitor = await Data.VisitorAsync();

            await Data.PendingVisitAsync(host.Id, visitor.Id);
            var answered = Stopwatch.StartNew();

            // Fails unless the provider has the message within a second: the outbox polls only once a minute here.
            await WhatsApp.WaitForAsync(phone, 1, TimeSpan.FromSeconds(1));
            latencies.Add(answered.Elapsed);
        }

        Assert.All(latencies, latency => Assert.True(latency < TimeSpan.FromSeconds(1), $"{latency.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task ProviderFailingTwice_IsRetriedAndEndsSentAfterThreeAttempts()
    {
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.RespondInTurn(hostPhone, 500, 500);
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);

        var visit = await Data.PendingVisitAsync(host.Id);

        var notification = await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
        Assert.Equal(3, notification.Attempts);
        Assert.Null(notification.LastError);
        var requests = WhatsApp.RequestsTo(hostPhone);
        Assert.Equal([500, 500, 200], requests.Select(r => r.StatusCode));
        Assert.Single(requests.Select(r => r.Text).Distinct()); // the retries send the same message
    }

    [Fact]
    public async Task RedeliveredMessage_SendsNothingNew()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);
        var visit = await Data.PendingVisitAsync(host.Id);
        var first = await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
        await WhatsApp.WaitForAsync(hostPhone, 1, Patience);
        var eventId = await ScalarAsync<Guid>("SELECT event_id FROM notifications WHERE visit_id = @visit", visit.Id);
        var tokens = await ScalarAsync<long>("SELECT count(*) FROM approval_tokens WHERE visit_id = @visit", visit.Id);

        // The same message again, as the broker redelivers it.
        await PublishCopyAsync(eventId, visit.Id);

        Assert.Single(WhatsApp.RequestsTo(hostPhone));
        var notification = Assert.Single(await Data.Admin.NotificationsAsync(visit.Id));
        Assert.Equal(first, notification);
        Assert.Equal(tokens, await ScalarAsync<long>("SELECT count(*) FROM approval_tokens WHERE visit_id = @visit", visit.Id));
    }

    /// <summary>
    /// Issue 9 §2: two copies of one event consumed at the same time (as after a kill -9: the broker redelivers while
    /// another copy runs). The second finds the notification claimed and waits for it, instead of sending too.
    /// </summary>
    [Fact]
    public async Task SecondCopyOfAnEvent_WhileTheFirstIsSending_WaitsAndSendsNothing()
    {
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.Delay(hostPhone, TimeSpan.FromSeconds(4));
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);
        var visit = await Data.PendingVisitAsync(host.Id);

        // The first copy has claimed the notification and is in the provider call (which takes 4 s).
        var eventId = (await Eventually.UntilAsync(
            () => ScalarOrNullAsync<Guid>("SELECT event_id FROM notifications WHERE visit_id = @visit AND claimed_until IS NOT NULL", visit.Id),
            claimed => claimed.HasValue,
            Patience,
            _ => "no claimed notification for the visit"))!.Value;
        await PublishCopyAsync(eventId, visit.Id);

        var notification = await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
        AssertSentTo(notification, hostPhone);
        var request = Assert.Single(WhatsApp.RequestsTo(hostPhone));
        Assert.Equal(notification.Id.ToString(), request.IdempotencyKey);
    }

    [Fact]
    public async Task HostWithoutPhoneNumber_IsSkipped_NotFailed()
    {
        var host = await Data.UserAsync("Host", "Phoneless Host", phoneNumber: null);
        var visitor = await Data.VisitorAsync("Viktor Visitor");
        var visit = await Data.PendingVisitAsync(host.Id, visitor.Id);
        await Data.Admin.NotificationAsync(visit.Id, "ApprovalRequested", n => n.Status != "Pending", Patience);
        await Data.TransitionAsync(visit.Id, "approve");
        await Data.TransitionAsync(visit.Id, "check-in");

        foreach (var kind in new[] { "ApprovalRequested", "VisitorArrived" })
        {
            var notification = await Data.Admin.NotificationAsync(visit.Id, kind, n => n.Status != "Pending", Patience);
            Assert.Equal("Skipped", notification.Status);
            Assert.Equal("(no phone number)", notification.Recipient);
            Assert.Equal(0, notification.Attempts);
            Assert.Equal("The recipient has no phone number.", notification.LastError);
        }

        // The visitor has a number: their approval goes out as usual.
        AssertSentTo(await Data.Admin.SentAsync(visit.Id, "Approved", Patience), visitor.PhoneNumber!);
        Assert.Equal([visitor.PhoneNumber], WhatsApp.Requests.Select(r => r.To));
    }

    [Fact]
    public async Task Health_ReadyAndDetailed_IncludeTheBroker()
    {
        using var ready = await Data.Anonymous.GetAsync("/health/ready");
        await TestData.Expect(ready, HttpStatusCode.OK);

        using var detailed = await Data.Admin.GetAsync("/health/detailed");
        await TestData.Expect(detailed, HttpStatusCode.OK);
        var entries = (await detailed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries");
        Assert.Equal("Healthy", entries.GetProperty("rabbitmq").GetProperty("status").GetString());
    }

    internal static void AssertProviderRequest(FakeWhatsAppRequest request, string phone)
    {
        Assert.Equal(phone, request.To);
        Assert.Matches(@"^\+[1-9]\d{6,14}$", request.To); // E.164
        Assert.Equal("whatsapp", request.MessagingProduct);
        Assert.Equal("text", request.Type);
        Assert.Equal("Bearer " + WhatsAppFake.Token, request.Authorization);
        Assert.Equal(WhatsAppFake.AccessKey, request.AccessKey);
        Assert.Equal(WhatsAppFake.SecretKey, request.SecretKey);
        Assert.StartsWith("application/json", request.ContentType);
    }

    internal static void AssertSentTo(NotificationBody notification, string phone)
    {
        Assert.Equal("Sent", notification.Status);
        Assert.Equal(1, notification.Attempts);
        Assert.Null(notification.LastError);
        Assert.NotNull(notification.SentAt);
        Assert.Equal(phone[..3] + new string('*', phone.Length - 6) + phone[^3..], notification.Recipient);
        Assert.DoesNotContain(phone[3..^3], notification.Recipient);
    }

    private async Task<Guid> SiteAsync(string name, string timeZone)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/sites", new { name, timeZone });
        await TestData.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Publishes another copy of a visit's approval request, as the broker redelivers one (same event id, same message
    /// id), and waits until the bus consumed it. The marker header only tells this copy's consumption from the first's.
    /// </summary>
    private async Task PublishCopyAsync(Guid eventId, Guid visitId)
    {
        var bus = Factory.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedSignal(eventId, "copy-" + Guid.NewGuid());
        using (bus.ConnectConsumeObserver(consumed))
        {
            await bus.Publish(new VisitNotificationRequested(eventId, visitId, NotificationKind.ApprovalRequested), context =>
            {
                context.MessageId = eventId;
                context.Headers.Set(ConsumedSignal.MarkerHeader, consumed.Marker);
            });
            await consumed.Task.WaitAsync(Patience);
        }
    }

    private async Task<T?> ScalarOrNullAsync<T>(string sql, Guid visitId)
        where T : struct
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("visit", visitId);
        return await command.ExecuteScalarAsync() is T value ? value : null;
    }

    private async Task<T> ScalarAsync<T>(string sql, Guid visitId)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("visit", visitId);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"https://visitors\.example\.test/approve/(?<token>[A-Za-z0-9_-]+)$")]
    private static partial Regex ApprovalLink();
}

/// <summary>Completes when the bus has finished consuming the message with the given id and marker header (or it faulted).</summary>
internal sealed class ConsumedSignal(Guid messageId, string marker) : IConsumeObserver
{
    public const string MarkerHeader = "x-test-marker";

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Marker => marker;

    public Task Task => _done.Task;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (IsIt(context))
        {
            _done.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        if (IsIt(context))
        {
            _done.TrySetException(new InvalidOperationException("The redelivered message faulted in the consumer.", exception));
        }

        return Task.CompletedTask;
    }

    private bool IsIt(ConsumeContext context) => context.MessageId == messageId && context.Headers.Get<string>(MarkerHeader) == marker;
}
