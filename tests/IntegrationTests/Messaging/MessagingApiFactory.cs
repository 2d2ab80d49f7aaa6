using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.RealProcess;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// The API in-process on real PostgreSQL and real RabbitMQ (<see cref="RabbitMqFixture"/>), sending WhatsApp messages
/// to a <see cref="WhatsAppFake"/> of its own, with short consumer retry intervals. Subclasses change settings in their
/// constructor (<see cref="ApiFactory.Settings"/>); the defaults here only fill what they left unset.
/// <see cref="InitializeAsync"/> returns once readiness (the broker connection included) is healthy.
/// </summary>
public class MessagingApiFactory : ApiFactory
{
    public const string PublicBaseUrl = "https://visitors.example.test";

    private RabbitMqFixture? _broker;

    public WhatsAppFake WhatsApp { get; } = new();

    public RabbitMqFixture Broker => _broker ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>False: no WHATSAPP_API_URL / WHATSAPP_API_TOKEN at all (the "not configured" case).</summary>
    protected virtual bool ConfigureWhatsApp => true;

    public override async Task InitializeAsync()
    {
        _broker = await RabbitMqFixture.GetAsync();
        Settings["RABBITMQ_URL"] = _broker.Url;
        if (ConfigureWhatsApp)
        {
            foreach (var (key, value) in WhatsApp.Settings)
            {
                Settings.TryAdd(key, value);
            }
        }

        Settings.TryAdd("PUBLIC_BASE_URL", PublicBaseUrl);
        Settings.TryAdd("NOTIFICATION_RETRY_LIMIT", "3");
        Settings.TryAdd("NOTIFICATION_RETRY_MIN_MS", "100");
        Settings.TryAdd("NOTIFICATION_RETRY_MAX_MS", "300");
        Settings.TryAdd("WHATSAPP_RETRY_DELAY_MS", "50");
        await base.InitializeAsync();
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200: database, migrations and the broker connection are up.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        await Eventually.StatusAsync(client, "/health/ready", HttpStatusCode.OK, timeout);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        WhatsApp.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Base of the messaging tests: a clean database and a fresh WhatsApp fake before each test. They share the broker's
/// virtual host (queues included) with the real processes that use the broker, and the outage tests stop the broker
/// itself: so they run in <see cref="ProcessCollection"/>, one class at a time with every other user of the broker, and
/// in parallel with the tests that use none (the API collections run on the in-memory transport). They used to be a
/// collection that ran alone, after everything else: 80 to 90 s at the end of the suite with one core mostly idle.
/// </summary>
[Collection(ProcessCollection.Name)]
public abstract class MessagingTest<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : MessagingApiFactory
{
    /// <summary>How long a notification may take when no latency is being measured (retries, back-off, a busy machine).</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected TFactory Factory { get; } = factory;

    protected WhatsAppFake WhatsApp => Factory.WhatsApp;

    protected TestData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.ResetAsync();
        WhatsApp.Reset();
        Data = new TestData(Factory, await Factory.AdminClientAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
