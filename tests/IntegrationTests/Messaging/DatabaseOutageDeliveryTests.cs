using System.Net;
using CleanVisitors.IntegrationTests.Hardening;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// The API reaches PostgreSQL through a proxy the test cuts; no broker (the in-memory transport, where a lost message
/// is lost for good); WhatsApp at a fake that takes a moment per message, so sends are in flight when the database goes.
/// </summary>
public sealed class DatabaseOutageDeliveryFactory : DatabaseProxyFactory
{
    public WhatsAppFake WhatsApp { get; } = new();

    public override async Task InitializeAsync()
    {
        Settings["WHATSAPP_API_URL"] = WhatsApp.Url;
        Settings["WHATSAPP_API_TOKEN"] = WhatsAppFake.Token;
        Settings["NOTIFICATION_RETRY_LIMIT"] = "3";
        Settings["NOTIFICATION_RETRY_MIN_MS"] = "200";
        Settings["NOTIFICATION_RETRY_MAX_MS"] = "1000";
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "200";
        Settings["OUTBOX_REDELIVERY_SECONDS"] = "3";
        // A short claim (1 s × 1 attempt + 10 s, + 5 s): a takeover, should one be needed, comes soon.
        Settings["WHATSAPP_TIMEOUT_MS"] = "1000";
        Settings["WHATSAPP_HTTP_RETRIES"] = "0";
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        WhatsApp.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Issue 9 §2: a database outage while notifications are being sent. Before: the consumers failed at once on EF Core's
/// wrapped exceptions, sends whose recording failed were repeated, and without a broker 3 of 44 and 18 of 73
/// notifications were lost. Now every visit's approval request arrives, as one message (one idempotency key).
/// </summary>
[Trait("Category", "Fault")]
public sealed class DatabaseOutageDeliveryTests(DatabaseOutageDeliveryFactory factory) : IClassFixture<DatabaseOutageDeliveryFactory>, IAsyncLifetime
{
    private const int Visits = 20;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        factory.WhatsApp.Reset();
        _data = new TestData(factory, await factory.AdminClientAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DatabaseCutWhileSending_EveryApprovalRequestArrivesAsOneMessage()
    {
        var hostPhone = TestData.PhoneNumber();
        factory.WhatsApp.Delay(hostPhone, TimeSpan.FromMilliseconds(300));
        var host = await _data.UserAsync("Host", phoneNumber: hostPhone);
        var visits = new List<VisitBody>();
        for (var i = 0; i < Visits; i++)
        {
            visits.Add(await _data.PendingVisitAsync(host.Id, (await _data.VisitorAsync($"Outage W{i} End")).Id));
        }

        // Cut while the first messages are going out; restored once the service has noticed.
        await factory.WhatsApp.WaitForAsync(hostPhone, 1, Recovery);
        factory.Proxy.Close();
        try
        {
            await Eventually.StatusAsync(_data.Anonymous, "/health/ready", HttpStatusCode.ServiceUnavailable, Recovery);
        }
        finally
        {
            factory.Proxy.Open();
        }

        foreach (var visit in visits)
        {
            await _data.Admin.SentAsync(visit.Id, "ApprovalRequested", Recovery);
        }

        var requests = factory.WhatsApp.RequestsTo(hostPhone).Where(r => r.StatusCode == 200).ToList();
        var keysPerVisitor = Enumerable.Range(0, Visits).ToDictionary(
            i => i,
            i => requests.Where(r => r.Text!.Contains($"Outage W{i} End", StringComparison.Ordinal)).Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.All(keysPerVisitor, pair => Assert.True(pair.Value == 1, $"Visit {pair.Key} got {pair.Value} different messages."));
    }
}
