using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Notifications.WhatsApp;

public sealed class WhatsAppOptions
{
    /// <summary><c>WHATSAPP_API_URL</c>: the provider's base address, e.g. https://api.provider.example/v1.</summary>
    [ConfigurationKeyName("WHATSAPP_API_URL")]
    public string? ApiUrl { get; set; }

    /// <summary><c>WHATSAPP_API_TOKEN</c>: sent as <c>Authorization: Bearer …</c>.</summary>
    [ConfigurationKeyName("WHATSAPP_API_TOKEN")]
    public string? ApiToken { get; set; }

    /// <summary><c>WHATSAPP_API_ACCESS_KEY</c>: sent as <c>X-Access-Key</c> when set.</summary>
    [ConfigurationKeyName("WHATSAPP_API_ACCESS_KEY")]
    public string? AccessKey { get; set; }

    /// <summary><c>WHATSAPP_API_SECRET_KEY</c>: sent as <c>X-Secret-Key</c> when set.</summary>
    [ConfigurationKeyName("WHATSAPP_API_SECRET_KEY")]
    public string? SecretKey { get; set; }

    /// <summary><c>WHATSAPP_TIMEOUT_MS</c>: the bound of one attempt.</summary>
    [ConfigurationKeyName("WHATSAPP_TIMEOUT_MS")]
    public int TimeoutMs { get; set; } = 5000;

    /// <summary><c>WHATSAPP_HTTP_RETRIES</c>: attempts after the first, for 5xx, 429 and timeouts.</summary>
    [ConfigurationKeyName("WHATSAPP_HTTP_RETRIES")]
    public int HttpRetries { get; set; } = 2;

    /// <summary><c>WHATSAPP_RETRY_DELAY_MS</c>: the first retry's delay (jittered, growing).</summary>
    [ConfigurationKeyName("WHATSAPP_RETRY_DELAY_MS")]
    public int RetryDelayMs { get; set; } = 500;

    public TimeSpan AttemptTimeout => TimeSpan.FromMilliseconds(TimeoutMs);

    /// <summary>The bound of one send, its retries included (the resilience pipeline's total timeout).</summary>
    public TimeSpan SendTimeout => AttemptTimeout * (HttpRetries + 1) + TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrEmpty(ApiUrl) && !string.IsNullOrEmpty(ApiToken);
}
