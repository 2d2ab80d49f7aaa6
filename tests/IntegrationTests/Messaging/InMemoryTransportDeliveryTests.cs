using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// No broker (no <c>RABBITMQ_URL</c>: the in-memory transport), WhatsApp at a fake; one HTTP attempt per send, one
/// consumer retry, and a message not consumed is published again after five seconds (after one, a second consumption
/// still running on a busy machine met a third, and the provider got the message twice).
/// </summary>
public sealed class InMemoryTransportFactory : ApiFactory
{
    public WhatsAppFake WhatsApp { get; } = new();

    public override async Task InitializeAsync()
    {
        Settings["WHATSAPP_API_URL"] = WhatsApp.Url;
        Settings["WHATSAPP_API_TOKEN"] = WhatsAppFake.Token;
        Settings["WHATSAPP_HTTP_RETRIES"] = "0";
        // The planned 500s are the failures here: no attempt may time out instead on a busy machine (the default 5 s did).
        Settings["WHATSAPP_TIMEOUT_MS"] = "30000";
        Settings["NOTIFICATION_RETRY_LIMIT"] = "1";
        Settings["NOTIFICATION_RETRY_MIN_MS"] = "50";
        Settings["NOTIFICATION_RETRY_MAX_MS"] = "100";
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "200";
        Settings["OUTBOX_REDELIVERY_SECONDS"] = "5";
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
/// Issue 9 §2: without a broker a message lived only in memory once published, so a consumer that ran out of retries
/// (the provider or the database down a little longer) lost its notification for good (seen: 3 of 44 and 18 of 73).
/// Now the outbox keeps the row until the message was consumed, and publishes it again until then.
/// </summary>
[Trait("Category", "Fault")]
public sealed class InMemoryTransportDeliveryTests(InMemoryTransportFactory factory) : IClassFixture<InMemoryTransportFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        factory.WhatsApp.Reset();
        _data = new TestData(factory, await factory.AdminClientAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ConsumerOutOfRetries_TheOutboxPublishesAgain_AndTheNotificationEndsSentOnce()
    {
        var hostPhone = TestData.PhoneNumber();
        // Two sends per consumption (the first try and one retry): the first consumption fails for good, and so does
        // the first try of the second.
        factory.WhatsApp.RespondInTurn(hostPhone, 500, 500, 500);
        var host = await _data.UserAsync("Host", phoneNumber: hostPhone);

        var visit = await _data.PendingVisitAsync(host.Id);

        var notification = await _data.Admin.SentAsync(visit.Id, "ApprovalRequested", Patience);
        Assert.Equal(4, notification.Attempts);
        var requests = factory.WhatsApp.RequestsTo(hostPhone);
        Assert.Equal([500, 500, 500, 200], requests.Select(r => r.StatusCode));
        Assert.All(requests, r => Assert.Equal(notification.Id.ToString(), r.IdempotencyKey));
        // The row is done with once its message was consumed.
        await Eventually.UntilAsync(
            () => factory.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL"),
            pending => pending == 0,
            Patience,
            pending => $"{pending} outbox rows not marked consumed");
    }
}
