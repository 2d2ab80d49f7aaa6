using System.Collections.Concurrent;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CleanVisitors.IntegrationTests.WhatsApp;

/// <summary>
/// The WhatsApp provider as a local HTTP fake (WireMock.Net on a free loopback port): stubs for <c>POST …/messages</c>
/// and the requests it received, with a way to await them under a deadline.
/// </summary>
public sealed class WhatsAppFake : IDisposable
{
    public const string BasePath = "/v1";
    public const string MessagesPath = BasePath + "/messages";
    public const string ApiToken = "fake-whatsapp-token";
    public const string AccessKey = "fake-access-key";
    public const string SecretKey = "fake-secret-key";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ConcurrentQueue<WhatsAppMessage> _arrived = new();

    /// <summary>What WHATSAPP_API_URL is set to: the fake's address with a base path, as a provider's would have.</summary>
    public string ApiUrl => _server.Url + BasePath;

    /// <summary>The settings that point the service at this fake.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WHATSAPP_API_URL"] = ApiUrl,
        ["WHATSAPP_API_TOKEN"] = ApiToken,
        ["WHATSAPP_API_ACCESS_KEY"] = AccessKey,
        ["WHATSAPP_API_SECRET_KEY"] = SecretKey,
    };

    /// <summary>Every message as it arrived, before it was answered, oldest first.</summary>
    public IReadOnlyList<WhatsAppMessage> Arrived => [.. _arrived];

    /// <summary>Every request that reached <c>POST …/messages</c>, oldest first.</summary>
    public IReadOnlyList<IRequestMessage> Messages =>
        [.. _server.LogEntries
            .Select(e => e.RequestMessage)
            .Where(r => r.Method == "POST" && r.Path == MessagesPath)
            .OrderBy(r => r.DateTime)];

    /// <summary>
    /// Answers every message with this status (200 with a provider-like body by default), after an optional delay.
    /// Each message is recorded as it arrives (<see cref="Arrived"/>), before the delay: what the recipient's phone
    /// would show while the provider has not answered the service yet.
    /// </summary>
    public void Answer(int status = 200, TimeSpan? delay = null)
    {
        _server.Reset();
        _server.Given(MessagesRequest()).RespondWith(Response.Create().WithCallback(async request =>
        {
            if (Parse(request) is { } message)
            {
                _arrived.Enqueue(message);
            }

            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            return Reply(status);
        }));
    }

    /// <summary>
    /// Answers the first messages with the given statuses in turn (a null status: 200, but only after
    /// <paramref name="slowDelay"/>), every later one with 200. Counted as requests arrive, so a retry sent while an
    /// earlier attempt is still being delayed gets the next answer.
    /// </summary>
    public void AnswerInTurn(IReadOnlyList<int?> first, TimeSpan? slowDelay = null)
    {
        _server.Reset();
        var arrived = 0;
        _server.Given(MessagesRequest()).RespondWith(Response.Create().WithCallback(async request =>
        {
            if (Parse(request) is { } message)
            {
                _arrived.Enqueue(message);
            }

            var index = Interlocked.Increment(ref arrived) - 1;
            var status = index < first.Count ? first[index] : 200;
            if (index < first.Count && status is null)
            {
                await Task.Delay(slowDelay ?? TimeSpan.FromSeconds(5));
            }

            return Reply(status ?? 200);
        }));
    }

    /// <summary>Waits until a message to <paramref name="phoneNumber"/> has arrived (not necessarily been answered yet).</summary>
    public async Task<WhatsAppMessage> WaitForArrivalToAsync(string phoneNumber, Func<WhatsAppMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (_arrived.FirstOrDefault(m => m.To == phoneNumber && (match is null || match(m))) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No WhatsApp message to {phoneNumber} arrived in time; arrived: " + string.Join(" | ", _arrived.Select(m => $"{m.To}: {m.Body}")));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages matching <paramref name="match"/> arrived; fails at the deadline.</summary>
    public async Task<IReadOnlyList<IRequestMessage>> WaitForMessagesAsync(Func<IRequestMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Messages.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The WhatsApp fake received {found.Count} of {count} expected messages in time; it received: " +
                    string.Join(" | ", Messages.Select(m => m.Body)));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    public static WhatsAppMessage? Parse(IRequestMessage request)
    {
        try
        {
            using var json = JsonDocument.Parse(request.Body ?? string.Empty);
            var root = json.RootElement;
            return new WhatsAppMessage(
                root.GetProperty("messaging_product").GetString(), root.GetProperty("to").GetString(),
                root.GetProperty("type").GetString(), root.GetProperty("text").GetProperty("body").GetString());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public void Dispose() => _server.Dispose();

    private static ResponseMessage Reply(int status) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData
        {
            BodyAsString = status is >= 200 and < 300 ? """{"messages":[{"id":"wamid.fake"}]}""" : """{"error":{"message":"fake failure"}}""",
            DetectedBodyType = BodyType.String,
        },
    };

    private static IRequestBuilder MessagesRequest() => Request.Create().WithPath(MessagesPath).UsingPost();
}

/// <summary>The JSON body the adapter sends: <c>{messaging_product, to, type, text: {body}}</c>.</summary>
public sealed record WhatsAppMessage(string? MessagingProduct, string? To, string? Type, string? Body);
