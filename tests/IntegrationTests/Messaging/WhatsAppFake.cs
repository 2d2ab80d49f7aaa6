using System.Text.Json;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>
/// The WhatsApp provider, faked over real HTTP with WireMock.Net: it answers <c>POST /messages</c> with 200 unless a
/// test says otherwise for one recipient (failures, delays), and keeps every request it got, parsed.
/// Tests tell their messages apart by recipient: every test uses phone numbers of its own.
/// </summary>
public sealed class WhatsAppFake : IDisposable
{
    public const string Token = "test-whatsapp-token";
    public const string AccessKey = "test-access-key";
    public const string SecretKey = "test-secret-key";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SemaphoreSlim _changed = new(0);
    private bool _disposed;

    public WhatsAppFake()
    {
        _server.LogEntriesChanged += (_, _) => _changed.Release();
        Reset();
    }

    /// <summary>The provider's base address, for <c>WHATSAPP_API_URL</c>.</summary>
    public string Url => _server.Url!;

    /// <summary>Forgets requests, failure plans and scenario states; answers 200 to everyone again.</summary>
    public void Reset()
    {
        _server.Reset();
        _server.ResetScenarios();
        _server.Given(Request.Create().WithPath("/messages").UsingPost())
            .AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { messages = new[] { new { id = "wamid.fake" } } }));
    }

    /// <summary>Answers the given statuses to the first requests for <paramref name="phone"/>, one each, then 200.</summary>
    public void RespondInTurn(string phone, params int[] statuses)
    {
        var scenario = "turns-" + Digits(phone);
        for (var i = 0; i < statuses.Length; i++)
        {
            var step = ForRecipient(phone).InScenario(scenario).AtPriority(1);
            if (i > 0)
            {
                step = step.WhenStateIs($"after-{i}");
            }

            step.WillSetStateTo($"after-{i + 1}").RespondWith(Response.Create().WithStatusCode(statuses[i]).WithBody("{\"error\":\"planned failure\"}"));
        }

        ForRecipient(phone).InScenario(scenario).WhenStateIs($"after-{statuses.Length}").AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"messages\":[{\"id\":\"wamid.fake\"}]}"));
    }

    /// <summary>Always answers <paramref name="status"/> to requests for <paramref name="phone"/>.</summary>
    public void AlwaysRespond(string phone, int status) =>
        ForRecipient(phone).AtPriority(1).RespondWith(Response.Create().WithStatusCode(status).WithBody("{\"error\":{\"message\":\"(#100) Invalid parameter\"}}"));

    /// <summary>Answers requests for <paramref name="phone"/> only after <paramref name="delay"/>.</summary>
    public void Delay(string phone, TimeSpan delay) =>
        ForRecipient(phone).AtPriority(1).RespondWith(Response.Create().WithStatusCode(200).WithDelay(delay));

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<FakeWhatsAppRequest> Requests =>
        _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(FakeWhatsAppRequest.From).ToList();

    public IReadOnlyList<FakeWhatsAppRequest> RequestsTo(string phone) => Requests.Where(r => r.To == phone).ToList();

    /// <summary>Waits until at least <paramref name="count"/> requests for <paramref name="phone"/> have come; fails after the deadline.</summary>
    public async Task<IReadOnlyList<FakeWhatsAppRequest>> WaitForAsync(string phone, int count, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var received = RequestsTo(phone);
            if (received.Count >= count)
            {
                return received;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"The WhatsApp fake got {received.Count} of {count} requests for {phone} within {timeout.TotalSeconds:0.###} s.");
            }

            // Woken by every new request; the short cap only guards against a missed wake-up.
            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _server.Stop();
        _server.Dispose();
        _changed.Dispose();
    }

    private IRespondWithAProvider ForRecipient(string phone) =>
        // The adapter's JSON escapes '+' (\u002B), so the digits are what identifies the recipient in the raw body.
        _server.Given(Request.Create().WithPath("/messages").UsingPost().WithBody(new WildcardMatcher($"*\"to\":\"*{Digits(phone)}\"*")));

    private static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());
}

/// <summary>One request the fake received, read back: the JSON body's fields and the authentication headers.</summary>
public sealed record FakeWhatsAppRequest(
    string? To, string? Text, string? MessagingProduct, string? Type, string? Authorization, string? AccessKey, string? SecretKey,
    string? ContentType, DateTime ReceivedAtUtc, int? StatusCode, string? IdempotencyKey, string? TraceParent)
{
    public static FakeWhatsAppRequest From(WireMock.Logging.ILogEntry entry)
    {
        var request = entry.RequestMessage;
        string? to = null, text = null, product = null, type = null;
        if (!string.IsNullOrEmpty(request.Body))
        {
            using var json = JsonDocument.Parse(request.Body);
            var root = json.RootElement;
            to = root.TryGetProperty("to", out var t) ? t.GetString() : null;
            product = root.TryGetProperty("messaging_product", out var p) ? p.GetString() : null;
            type = root.TryGetProperty("type", out var ty) ? ty.GetString() : null;
            text = root.TryGetProperty("text", out var tx) && tx.TryGetProperty("body", out var b) ? b.GetString() : null;
        }

        return new FakeWhatsAppRequest(to, text, product, type, Header(request, "Authorization"), Header(request, "X-Access-Key"), Header(request, "X-Secret-Key"),
            Header(request, "Content-Type"), request.DateTime, entry.ResponseMessage?.StatusCode is { } status ? Convert.ToInt32(status, System.Globalization.CultureInfo.InvariantCulture) : null,
            Header(request, "Idempotency-Key"), Header(request, "traceparent"));
    }

    private static string? Header(WireMock.IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
