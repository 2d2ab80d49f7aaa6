using System.Collections.Concurrent;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// The WhatsApp provider, faked over real HTTP with WireMock.Net on a free loopback port, under a base path as a
/// provider's address has one. It answers <c>POST …/messages</c> with 200 unless a test plans otherwise, for everyone
/// (<see cref="Answer"/>, <see cref="AnswerInTurn"/>) or for one recipient (<see cref="RespondInTurn"/>,
/// <see cref="AlwaysRespond"/>, <see cref="Delay"/>), and keeps every request twice: as it arrived, before it was
/// answered (<see cref="Arrived"/>: what the recipient's phone would show), and once answered, with the status it got
/// (<see cref="Requests"/>). Tests that share a fake tell their messages apart by recipient: each uses numbers of its own.
/// </summary>
public sealed class WhatsAppFake : IDisposable
{
    public const string BasePath = "/v1";
    public const string MessagesPath = BasePath + "/messages";
    public const string Token = "test-whatsapp-token";
    public const string AccessKey = "test-access-key";
    public const string SecretKey = "test-secret-key";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ConcurrentQueue<FakeWhatsAppRequest> _arrived = new();
    private readonly ConcurrentQueue<FakeWhatsAppRequest> _answered = new();
    private readonly ConcurrentDictionary<string, Plan> _recipientPlans = new(StringComparer.Ordinal);
    private readonly Signal _changed = new();
    private Plan _everyonePlan = Plan.Always(200, TimeSpan.Zero);
    private bool _disposed;

    public WhatsAppFake()
    {
        _server.Given(Request.Create().WithPath(MessagesPath).UsingPost()).RespondWith(Response.Create().WithCallback(AnswerAsync));
    }

    /// <summary>What <c>WHATSAPP_API_URL</c> is set to: the fake's address with its base path.</summary>
    public string Url => _server.Url + BasePath;

    /// <summary>The settings that point the service at this fake (address, token and both keys).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WHATSAPP_API_URL"] = Url,
        ["WHATSAPP_API_TOKEN"] = Token,
        ["WHATSAPP_API_ACCESS_KEY"] = AccessKey,
        ["WHATSAPP_API_SECRET_KEY"] = SecretKey,
    };

    /// <summary>Every request as it arrived, before it was answered, oldest first (its <c>StatusCode</c> is not known yet).</summary>
    public IReadOnlyList<FakeWhatsAppRequest> Arrived => [.. _arrived];

    /// <summary>Every request answered so far, oldest arrival first, with the status it was answered.</summary>
    public IReadOnlyList<FakeWhatsAppRequest> Requests => [.. _answered.OrderBy(r => r.ReceivedAtUtc)];

    public IReadOnlyList<FakeWhatsAppRequest> RequestsTo(string phone) => [.. Requests.Where(r => r.To == phone)];

    /// <summary>Forgets requests and plans: answers 200 to everyone again.</summary>
    public void Reset()
    {
        _recipientPlans.Clear();
        _everyonePlan = Plan.Always(200, TimeSpan.Zero);
        _arrived.Clear();
        _answered.Clear();
    }

    /// <summary>Answers every message (a recipient's own plan aside) with <paramref name="status"/>, after an optional delay.</summary>
    public void Answer(int status = 200, TimeSpan? delay = null) => _everyonePlan = Plan.Always(status, delay ?? TimeSpan.Zero);

    /// <summary>
    /// Answers the first messages with the given statuses in turn (a null status: 200, but only after
    /// <paramref name="slowDelay"/>), every later one with 200. Counted as requests arrive, so a retry sent while an
    /// earlier attempt is still being delayed gets the next answer.
    /// </summary>
    public void AnswerInTurn(IReadOnlyList<int?> first, TimeSpan? slowDelay = null) =>
        _everyonePlan = new Plan(index => index < first.Count && first[index] is { } status ? (status, TimeSpan.Zero)
            : index < first.Count ? (200, slowDelay ?? TimeSpan.FromSeconds(5))
            : (200, TimeSpan.Zero));

    /// <summary>Answers the given statuses to the first requests for <paramref name="phone"/>, one each, then 200.</summary>
    public void RespondInTurn(string phone, params int[] statuses) =>
        _recipientPlans[Digits(phone)] = new Plan(index => (index < statuses.Length ? statuses[index] : 200, TimeSpan.Zero));

    /// <summary>Always answers <paramref name="status"/> to requests for <paramref name="phone"/>.</summary>
    public void AlwaysRespond(string phone, int status) => _recipientPlans[Digits(phone)] = Plan.Always(status, TimeSpan.Zero);

    /// <summary>Answers requests for <paramref name="phone"/> (with 200) only after <paramref name="delay"/>.</summary>
    public void Delay(string phone, TimeSpan delay) => _recipientPlans[Digits(phone)] = Plan.Always(200, delay);

    /// <summary>Waits until at least <paramref name="count"/> requests for <paramref name="phone"/> have been answered; answers them.</summary>
    public Task<IReadOnlyList<FakeWhatsAppRequest>> WaitForAsync(string phone, int count, TimeSpan timeout) =>
        Eventually.UntilAsync(
            () => Task.FromResult(RequestsTo(phone)), received => received.Count >= count, timeout,
            received => $"the WhatsApp fake answered {received.Count} of {count} requests for {phone}", _changed);

    /// <summary>Waits until at least <paramref name="count"/> requests (for anyone) have been answered; answers them all.</summary>
    public Task<IReadOnlyList<FakeWhatsAppRequest>> WaitForAsync(int count, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            () => Task.FromResult(Requests), received => received.Count >= count, timeout ?? TimeSpan.FromSeconds(30),
            received => $"the WhatsApp fake answered {received.Count} of {count} requests: " + string.Join(" | ", received.Select(r => $"{r.To}: {r.Text}")), _changed);

    /// <summary>Waits until a message to <paramref name="phone"/> (matching <paramref name="match"/>) has arrived, answered or not.</summary>
    public async Task<FakeWhatsAppRequest> WaitForArrivalToAsync(string phone, Func<FakeWhatsAppRequest, bool>? match = null, TimeSpan? timeout = null) =>
        (await Eventually.UntilAsync(
            () => Task.FromResult(_arrived.FirstOrDefault(m => m.To == phone && (match is null || match(m)))),
            found => found is not null,
            timeout ?? TimeSpan.FromSeconds(30),
            _ => $"no WhatsApp message to {phone} arrived; arrived: " + string.Join(" | ", _arrived.Select(m => $"{m.To}: {m.Text}")),
            _changed))!;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _server.Stop();
        _server.Dispose();
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        var arrived = FakeWhatsAppRequest.From(request);
        _arrived.Enqueue(arrived);
        _changed.Raise();
        var plan = arrived.To is { } to && _recipientPlans.TryGetValue(Digits(to), out var own) ? own : _everyonePlan;
        var (status, delay) = plan.Next();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        _answered.Enqueue(arrived with { StatusCode = status });
        _changed.Raise();
        return new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = new("application/json") },
            BodyData = new BodyData
            {
                BodyAsString = status is >= 200 and < 300 ? """{"messages":[{"id":"wamid.fake"}]}""" : """{"error":{"message":"(#100) planned failure"}}""",
                DetectedBodyType = BodyType.String,
            },
        };
    }

    private static string Digits(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);

    /// <summary>How to answer the n-th request (0-based, counted as requests arrive) that a plan covers: a status, after a delay.</summary>
    private sealed class Plan(Func<int, (int Status, TimeSpan Delay)> answer)
    {
        private int _arrived = -1;

        public static Plan Always(int status, TimeSpan delay) => new(_ => (status, delay));

        public (int Status, TimeSpan Delay) Next() => answer(Interlocked.Increment(ref _arrived));
    }
}

/// <summary>One request the fake received: the raw request, the JSON body's fields, and the status it was answered (once it was).</summary>
public sealed record FakeWhatsAppRequest(string Method, string Path, string? Body, IReadOnlyDictionary<string, string> Headers, DateTime ReceivedAtUtc, WhatsAppMessage? Message)
{
    public int? StatusCode { get; init; }

    public string? To => Message?.To;

    public string? Text => Message?.Body;

    public string? MessagingProduct => Message?.MessagingProduct;

    public string? Type => Message?.Type;

    public string? Authorization => Header("Authorization");

    public string? AccessKey => Header("X-Access-Key");

    public string? SecretKey => Header("X-Secret-Key");

    public string? ContentType => Header("Content-Type");

    public string? IdempotencyKey => Header("Idempotency-Key");

    public string? TraceParent => Header("traceparent");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static FakeWhatsAppRequest From(IRequestMessage request) => new(
        request.Method,
        request.Path,
        request.Body,
        (request.Headers ?? new Dictionary<string, WireMockList<string>>())
            .ToDictionary(h => h.Key, h => h.Value.FirstOrDefault() ?? string.Empty, StringComparer.OrdinalIgnoreCase),
        request.DateTime,
        WhatsAppMessage.Parse(request.Body));
}

/// <summary>The JSON body the adapter sends: <c>{messaging_product, to, type, text: {body}}</c>.</summary>
public sealed record WhatsAppMessage(string? MessagingProduct, string? To, string? Type, string? Body)
{
    /// <summary>The message a request body carries; null when it is not one.</summary>
    public static WhatsAppMessage? Parse(string? body)
    {
        try
        {
            using var json = JsonDocument.Parse(body ?? string.Empty);
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
}
