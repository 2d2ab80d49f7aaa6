using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.Application.Notifications;
using CleanVisitors.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// The outbox and broker settings as shipped (no shortened poll interval): this is about recovering on its own. Only
/// the provider's per-attempt timeout is longer, so a provider call can outlast the broker's stop.
/// </summary>
public sealed class BrokerOutageFactory : MessagingApiFactory
{
    public BrokerOutageFactory()
    {
        Settings["WHATSAPP_TIMEOUT_MS"] = "15000";
    }
}

/// <summary>
/// RabbitMQ stopped under a running API (<c>rabbitmqctl stop_app</c>) and started again: requests keep working, the
/// messages wait in the outbox, and all of them go out once, without restarting the API. Every test starts the broker
/// again in a <c>finally</c>, so a failure never leaves it stopped.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
[Trait("Category", "Fault")]
public sealed class BrokerOutageTests(BrokerOutageFactory factory) : MessagingTest<BrokerOutageFactory>(factory)
{
    private const int Visits = 20;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task BrokerStopped_VisitsAreStillCreatedFast_AndEveryApprovalRequestArrivesOnceAfterRestart()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitors = new List<VisitorBody>();
        for (var i = 1; i <= Visits; i++)
        {
            visitors.Add(await Data.VisitorAsync($"Outage Visitor {i:00}"));
        }

        var visits = new List<VisitBody>();
        var durations = new List<TimeSpan>();
        var consumed = new ConsumeCounter();
        IReadOnlyList<Guid> eventIds = [];
        using var observer = Factory.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        await Factory.Broker.StopAppAsync();
        try
        {
            await Eventually.StatusAsync(Data.Anonymous, "/health/ready", HttpStatusCode.ServiceUnavailable, Recovery);
            foreach (var visitor in visitors)
            {
                var started = Stopwatch.StartNew();
                var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Outage meeting" });
                durations.Add(started.Elapsed);
                await TestData.Expect(response, HttpStatusCode.Created);
                visits.Add((await response.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!);
            }

            // Nothing could leave: every message waits in the outbox, and the dispatcher has met the outage.
            Assert.Equal(Visits, await PendingOutboxRowsAsync());
            await Eventually.UntilAsync(
                () => CountAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0 AND last_error IS NOT NULL AND dispatched_at IS NULL"),
                failed => failed > 0,
                Recovery,
                _ => "the dispatcher has not failed to publish any row");
            Assert.Equal(Visits, await PendingOutboxRowsAsync());
            Assert.Empty(WhatsApp.RequestsTo(hostPhone));
            eventIds = await PendingOutboxIdsAsync();
        }
        finally
        {
            await Factory.Broker.StartAppAsync();
        }

        Assert.All(durations, d => Assert.True(d < TimeSpan.FromSeconds(1), $"A visit took {d.TotalMilliseconds:0} ms to create while the broker was down."));

        await WhatsApp.WaitForAsync(hostPhone, Visits, Recovery);
        foreach (var visit in visits)
        {
            await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Recovery);
        }

        await Eventually.UntilAsync(PendingOutboxRowsAsync, pending => pending == 0, Recovery, pending => $"{pending} outbox rows still pending");
        var perVisitor = WhatsApp.RequestsTo(hostPhone)
            .GroupBy(r => visitors.Single(v => r.Text!.Contains(v.FullName!, StringComparison.Ordinal)).Id)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(visitors.Select(v => v.Id).Order(), perVisitor.Keys.Order());
        Assert.All(perVisitor, pair => Assert.Equal(1, pair.Value));

        // And through the broker: the consumer got each message once (no publish went out twice). Other ids may pass
        // by (a message an earlier test's API left unacknowledged comes back to the shared queue): they are not counted.
        Assert.Equal(Visits, eventIds.Count);
        Assert.All(eventIds, id => Assert.True(consumed.Counts.GetValueOrDefault(id) == 1, $"Message {id} was consumed {consumed.Counts.GetValueOrDefault(id)} times."));
    }

    /// <summary>
    /// Issue 9 §3: a broker restart under load costs no 5xx (seen before: a collapse with a p99 of 9.7 s until 8 s after
    /// the broker was back). Eight clients create visits while the broker stops and starts again; every answer is a
    /// 201, and every approval request arrives once.
    /// </summary>
    [Fact]
    public async Task BrokerRestartUnderLoad_EveryCreateIs201_AndEveryApprovalRequestArrivesOnce()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var statuses = new ConcurrentBag<string>();
        var names = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var name = $"Restart W{worker} N{n} End";
                using var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
                {
                    visitor = new { fullName = name, phoneNumber = TestData.PhoneNumber() },
                    hostId = host.Id,
                    purpose = "Restart",
                });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    statuses.Add("201");
                    names.Add(name);
                }
                else
                {
                    // The problem's code says which refusal it was (a 409 seen twice in CI had no more to go on).
                    statuses.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();

        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(names.Count), count => count >= 20, Patience, count => $"{count} visits created");
            await Factory.Broker.StopAppAsync();
            try
            {
                await Eventually.StatusAsync(Data.Anonymous, "/health/ready", HttpStatusCode.ServiceUnavailable, Recovery);
                var during = names.Count;
                await Eventually.UntilAsync(() => Task.FromResult(names.Count), count => count >= during + 20, Recovery, count => $"{count - during} visits created during the outage");
            }
            finally
            {
                await Factory.Broker.StartAppAsync();
            }

            await Eventually.StatusAsync(Data.Anonymous, "/health/ready", HttpStatusCode.OK, Recovery);
            var after = names.Count;
            await Eventually.UntilAsync(() => Task.FromResult(names.Count), count => count >= after + 20, Recovery, count => $"{count - after} visits created after the restart");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        var unexpected = statuses.Where(status => status != "201").GroupBy(status => status).Select(g => $"{g.Count()} × {g.Key}").ToList();
        Assert.True(unexpected.Count == 0, $"Answers other than 201: {string.Join(", ", unexpected)}");
        var created = names.ToList();
        var requests = await WhatsApp.WaitForAsync(hostPhone, created.Count, Recovery);
        var perVisit = requests.GroupBy(r => created.Single(name => r.Text!.Contains(name, StringComparison.Ordinal))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(created.Order(), perVisit.Keys.Order());
        Assert.All(perVisit, pair => Assert.True(pair.Value == 1, $"{pair.Key} was notified {pair.Value} times."));
    }

    [Fact]
    public async Task Health_WithBrokerStopped_IsUnhealthy_AndRecoversAfterStart()
    {
        await Factory.WaitUntilReadyAsync(Recovery);
        Assert.Equal("Healthy", await BrokerStatusAsync());

        await Factory.Broker.StopAppAsync();
        try
        {
            await Eventually.StatusAsync(Data.Anonymous, "/health/ready", HttpStatusCode.ServiceUnavailable, Recovery);
            using var ready = await Data.Anonymous.GetAsync("/health/ready");
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal("Unhealthy", await BrokerStatusAsync());

            // The rest of the service still answers.
            using var visits = await Data.Admin.GetAsync("/api/visits");
            await TestData.Expect(visits, HttpStatusCode.OK);
        }
        finally
        {
            await Factory.Broker.StartAppAsync();
        }

        await Eventually.StatusAsync(Data.Anonymous, "/health/ready", HttpStatusCode.OK, Recovery);
        await Eventually.UntilAsync(BrokerStatusAsync, status => status == "Healthy", Recovery, status => $"the rabbitmq check is {status}");

        // And messages flow again, through the same API process.
        var hostPhone = TestData.PhoneNumber();
        await Data.PendingVisitAsync((await Data.UserAsync("Host", phoneNumber: hostPhone)).Id);
        await WhatsApp.WaitForAsync(hostPhone, 1, Patience);
    }

    /// <summary>
    /// Issue 9 §2: the broker goes away while the provider call is in flight. Before, the call was cancelled with the
    /// consumer (after the provider had taken the message), nothing was recorded, and the redelivered message was sent
    /// again 20–40 s later. Now the call finishes and its outcome is recorded while the broker is still down; the
    /// redelivered copy finds the notification Sent.
    /// </summary>
    [Fact]
    public async Task BrokerStoppedWhileTheProviderCallIsInFlight_TheCallCompletesAndTheMessageIsSentOnce()
    {
        var hostPhone = TestData.PhoneNumber();
        WhatsApp.Delay(hostPhone, TimeSpan.FromSeconds(8));
        var host = await Data.UserAsync("Host", phoneNumber: hostPhone);
        var consumed = new ConsumeCounter();
        using var observer = Factory.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var visit = await Data.PendingVisitAsync(host.Id);
        await Eventually.UntilAsync(
            () => CountAsync($"SELECT count(*) FROM notifications WHERE visit_id = '{visit.Id}' AND claimed_until IS NOT NULL"),
            claimed => claimed == 1,
            Patience,
            _ => "the notification was never claimed");

        Guid eventId;
        await Factory.Broker.StopAppAsync();
        try
        {
            // Recorded Sent while the broker is still down: nothing cancelled the call.
            var sent = await Data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
            Assert.Equal(1, sent.Attempts);
            eventId = (await EventIdsOfAsync(visit.Id)).Single();
        }
        finally
        {
            await Factory.Broker.StartAppAsync();
        }

        // The copy the broker kept (its acknowledgement was lost with the connection) comes back and sends nothing.
        await Eventually.UntilAsync(
            () => Task.FromResult(consumed.Counts.GetValueOrDefault(eventId)),
            count => count >= 2,
            Recovery,
            count => $"message {eventId} consumed {count} times, not redelivered yet");
        Assert.Single(WhatsApp.RequestsTo(hostPhone));
    }

    private async Task<IReadOnlyList<Guid>> EventIdsOfAsync(Guid visitId)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id FROM notifications WHERE visit_id = @visit", connection);
        command.Parameters.AddWithValue("visit", visitId);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The status of the <c>rabbitmq</c> entry of <c>/health/detailed</c> (which answers 503 while anything is unhealthy).</summary>
    private async Task<string?> BrokerStatusAsync()
    {
        using var response = await Data.Admin.GetAsync("/health/detailed");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var status = body.GetProperty("entries").GetProperty("rabbitmq").GetProperty("status").GetString();
        Assert.Equal(status == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
        return status;
    }

    private async Task<IReadOnlyList<Guid>> PendingOutboxIdsAsync()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM outbox_messages WHERE dispatched_at IS NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private Task<long> PendingOutboxRowsAsync() => CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>How often the bus consumed each notification request, by message id.</summary>
internal sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();

    public IReadOnlyDictionary<Guid, int> Counts => _counts;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Count(context);

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Count(context);

    private Task Count<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is VisitNotificationRequested && context.MessageId is { } id)
        {
            _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
