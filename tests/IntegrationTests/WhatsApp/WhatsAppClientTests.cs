using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Infrastructure.Notifications.WhatsApp;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.WhatsApp;

/// <summary>
/// The WhatsApp client as the service builds it (the real <c>AddInfrastructure</c> registration: typed HttpClient,
/// standard resilience handler, attempt counting) against a local HTTP fake of the provider.
/// </summary>
public sealed class WhatsAppClientTests : IDisposable
{
    private const string Phone = "+14155550123";

    private readonly WhatsAppFake _fake = new();
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task A_message_is_one_POST_to_messages_with_the_documented_JSON_body_and_credentials()
    {
        _fake.Answer(200);
        var sender = Sender();
        const string Text = "Zoë O'Neill & Co. is at \"Main\" to see you: Q&A <soon>. Approve: https://x.example/approve/abc";

        var key = Guid.NewGuid();
        var outcome = await sender.SendAsync(key, Phone, Text);

        Assert.Equal(new SendOutcome(true, 1, null), outcome);
        var request = Assert.Single(await _fake.WaitForAsync(1));
        Assert.Equal(key.ToString(), request.Header("Idempotency-Key"));
        Assert.Equal("POST", request.Method);
        Assert.Equal(WhatsAppFake.MessagesPath, request.Path);
        Assert.Equal("Bearer " + WhatsAppFake.Token, request.Header("Authorization"));
        Assert.Equal(WhatsAppFake.AccessKey, request.Header("X-Access-Key"));
        Assert.Equal(WhatsAppFake.SecretKey, request.Header("X-Secret-Key"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var bodyBytes = Encoding.UTF8.GetByteCount(request.Body!);
        Assert.Equal(bodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Null(request.Header("Transfer-Encoding"));

        using var json = JsonDocument.Parse(request.Body!);
        Assert.Equal(["messaging_product", "to", "type", "text"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new WhatsAppMessage("whatsapp", Phone, "text", Text), request.Message);
        Assert.Equal(["body"], json.RootElement.GetProperty("text").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Without_access_and_secret_keys_those_headers_are_left_out()
    {
        _fake.Answer(200);
        var sender = Sender(new() { ["WHATSAPP_API_ACCESS_KEY"] = null, ["WHATSAPP_API_SECRET_KEY"] = null });

        Assert.True((await sender.SendAsync(Guid.NewGuid(), Phone, "Hello")).Succeeded);

        var request = Assert.Single(await _fake.WaitForAsync(1));
        Assert.Equal("Bearer " + WhatsAppFake.Token, request.Header("Authorization"));
        Assert.Null(request.Header("X-Access-Key"));
        Assert.Null(request.Header("X-Secret-Key"));
    }

    [Fact]
    public async Task A_server_error_then_success_succeeds_after_two_attempts_with_the_same_body()
    {
        _fake.AnswerInTurn([500]);
        var sender = Sender();

        var key = Guid.NewGuid();
        var outcome = await sender.SendAsync(key, Phone, "Retry me");

        Assert.Equal(new SendOutcome(true, 2, null), outcome);
        var requests = await _fake.WaitForAsync(2);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(new WhatsAppMessage("whatsapp", Phone, "text", "Retry me"), r.Message));
        Assert.All(requests, r => Assert.Equal("Bearer " + WhatsAppFake.Token, r.Header("Authorization")));
        Assert.All(requests, r => Assert.NotNull(r.Header("Content-Length")));
        // Every attempt at one message carries its one idempotency key: the provider may drop the second copy.
        Assert.All(requests, r => Assert.Equal(key.ToString(), r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task Two_server_errors_then_success_take_three_attempts_with_two_retries()
    {
        _fake.AnswerInTurn([500, 503]);
        var sender = Sender(new() { ["WHATSAPP_HTTP_RETRIES"] = "2" });

        var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Third time lucky");

        Assert.Equal(new SendOutcome(true, 3, null), outcome);
        Assert.Equal(3, (await _fake.WaitForAsync(3)).Count);
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        _fake.AnswerInTurn([429]);
        var sender = Sender();

        var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Slow down");

        Assert.Equal(new SendOutcome(true, 2, null), outcome);
        Assert.Equal(2, (await _fake.WaitForAsync(2)).Count);
    }

    [Fact]
    public async Task A_server_error_on_every_attempt_is_a_failure_that_names_the_status_after_all_retries()
    {
        _fake.Answer(503);
        var sender = Sender(new() { ["WHATSAPP_HTTP_RETRIES"] = "2" });

        var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Never");

        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.Attempts);
        Assert.StartsWith("HTTP 503", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await _fake.WaitForAsync(3)).Count);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_the_retry_succeeds()
    {
        _fake.AnswerInTurn([null], slowDelay: TimeSpan.FromSeconds(5));
        var sender = Sender(new() { ["WHATSAPP_TIMEOUT_MS"] = "1000" });
        var clock = Stopwatch.StartNew();

        var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Patience");

        Assert.Equal(new SendOutcome(true, 2, null), outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"The timed-out attempt was waited for: {clock.Elapsed}.");
    }

    [Fact]
    public async Task Timeouts_on_every_attempt_are_retried_then_a_failure_with_a_timeout_error()
    {
        _fake.Answer(200, delay: TimeSpan.FromSeconds(5));
        var sender = Sender(new() { ["WHATSAPP_TIMEOUT_MS"] = "1000", ["WHATSAPP_HTTP_RETRIES"] = "1" });
        var clock = Stopwatch.StartNew();

        var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Too slow");

        Assert.False(outcome.Succeeded);
        Assert.Equal(2, outcome.Attempts);
        Assert.Contains("timeout", outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"The timed-out attempts were waited for: {clock.Elapsed}.");
    }

    [Theory]
    [InlineData(400, "HTTP 400")]
    [InlineData(401, "HTTP 401")]
    [InlineData(404, "HTTP 404")]
    public async Task A_client_error_is_a_failure_at_once_without_retries(int status, string error)
    {
        _fake.Answer(status);
        var sender = Sender(new() { ["WHATSAPP_HTTP_RETRIES"] = "3" });

        var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Refused");

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, outcome.Attempts);
        Assert.StartsWith(error, outcome.Error, StringComparison.Ordinal);
        Assert.Single(await _fake.WaitForAsync(1));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_calling_the_provider()
    {
        _fake.Answer(500);
        var sender = Sender(new() { ["WHATSAPP_HTTP_RETRIES"] = "0" });

        SendOutcome? broken = null;
        var sends = 0;
        while (broken is null && sends < 20)
        {
            sends++;
            var outcome = await sender.SendAsync(Guid.NewGuid(), Phone, "Failing " + sends);
            Assert.False(outcome.Succeeded);
            if (outcome.Error!.Contains("BrokenCircuit", StringComparison.Ordinal))
            {
                broken = outcome;
            }
        }

        Assert.True(broken is not null, $"The circuit did not open after {sends} failed sends.");
        // Counted as requests arrive at the fake, so none still being logged is missed.
        var reached = _fake.Arrived.Count;
        Assert.Equal(sends - 1, reached);

        var clock = Stopwatch.StartNew();
        var again = await sender.SendAsync(Guid.NewGuid(), Phone, "While open");
        Assert.False(again.Succeeded);
        Assert.Contains("circuit", again.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"An open circuit should fail fast: {clock.Elapsed}.");
        Assert.Equal(reached, _fake.Arrived.Count);
        Assert.DoesNotContain(_fake.Arrived, m => m.Text == "While open");
    }

    [Fact]
    public void Without_a_provider_address_and_token_the_sender_is_not_configured()
    {
        var sender = Sender(new() { ["WHATSAPP_API_URL"] = null, ["WHATSAPP_API_TOKEN"] = null });

        Assert.False(sender.IsConfigured);
        Assert.True(Sender().IsConfigured);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _fake.Dispose();
    }

    /// <summary>The sender from the service's own registration, with the fake as provider and fast retry delays.</summary>
    private INotificationSender Sender(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["WHATSAPP_RETRY_DELAY_MS"] = "10" };
        foreach (var (key, value) in _fake.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var provider = InfrastructureServices.Build(settings);
        _providers.Add(provider);
        var sender = provider.GetRequiredService<INotificationSender>();
        Assert.IsType<WhatsAppClient>(sender);
        return sender;
    }
}
