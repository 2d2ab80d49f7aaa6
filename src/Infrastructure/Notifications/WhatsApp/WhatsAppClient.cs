using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CleanVisitors.Application.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Notifications.WhatsApp;

/// <summary>
/// The WhatsApp provider adapter: the one place that knows the wire format, so another provider replaces just this
/// class. It sends <c>POST {WHATSAPP_API_URL}/messages</c> with
/// <c>{"messaging_product":"whatsapp","to":"+14155550123","type":"text","text":{"body":"…"}}</c>, the bearer token,
/// the access/secret key headers and <c>Idempotency-Key</c> (the notification's id, the same on every attempt at the
/// same message); any 2xx is success. Timeouts, retries with jittered back-off for 5xx/429/
/// timeouts and a circuit breaker come from the resilience pipeline around its HttpClient.
/// </summary>
public sealed partial class WhatsAppClient(HttpClient http, IOptions<WhatsAppOptions> options, ILogger<WhatsAppClient> logger) : INotificationSender
{
    public static readonly HttpRequestOptionsKey<StrongBox<int>> AttemptsKey = new("cleanvisitors.attempts");

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public bool IsConfigured => options.Value.IsConfigured;

    public TimeSpan MaxSendDuration => options.Value.SendTimeout;

    public async Task<SendOutcome> SendAsync(Guid idempotencyKey, string phoneNumberE164, string text)
    {
        var settings = options.Value;
        var attempts = new StrongBox<int>(0);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.ApiUrl!.TrimEnd('/') + "/messages")
        {
            // Buffered, so the body has a Content-Length and every retry sends the same bytes.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new WhatsAppTextMessage("whatsapp", phoneNumberE164, "text", new WhatsAppText(text))))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken);
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey.ToString());
        if (!string.IsNullOrEmpty(settings.AccessKey))
        {
            request.Headers.Add("X-Access-Key", settings.AccessKey);
        }

        if (!string.IsNullOrEmpty(settings.SecretKey))
        {
            request.Headers.Add("X-Secret-Key", settings.SecretKey);
        }

        request.Options.Set(AttemptsKey, attempts);
        try
        {
            // No caller's token: once started, the call ends on its own (the pipeline's total timeout), never half-way.
            using var response = await http.SendAsync(request, CancellationToken.None);
            if (response.IsSuccessStatusCode)
            {
                LogSent(logger, Domain.Common.PhoneNumber.Mask(phoneNumberE164), Math.Max(1, attempts.Value));
                return new SendOutcome(true, Math.Max(1, attempts.Value), null);
            }

            var error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            LogRefused(logger, Domain.Common.PhoneNumber.Mask(phoneNumberE164), error);
            return new SendOutcome(false, Math.Max(1, attempts.Value), error);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            var error = ex.GetType().Name + ": " + ex.Message;
            LogRefused(logger, Domain.Common.PhoneNumber.Mask(phoneNumberE164), error);
            return new SendOutcome(false, Math.Max(1, attempts.Value), error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp message to {Recipient} sent after {Attempts} attempts")]
    private static partial void LogSent(ILogger logger, string recipient, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp message to {Recipient} failed: {Error}")]
    private static partial void LogRefused(ILogger logger, string recipient, string error);

    private sealed record WhatsAppTextMessage(
        [property: System.Text.Json.Serialization.JsonPropertyName("messaging_product")] string MessagingProduct,
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] WhatsAppText Text);

    private sealed record WhatsAppText([property: System.Text.Json.Serialization.JsonPropertyName("body")] string Body);
}
