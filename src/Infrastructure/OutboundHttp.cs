namespace CleanVisitors.Infrastructure;

/// <summary>How the service's clients of third-party APIs (the WhatsApp provider, Vercel Blob) reach them.</summary>
public static class OutboundHttp
{
    /// <summary>
    /// The primary handler: follows no redirect. A provider answering 3xx is a failure, not a new destination, so a
    /// compromised or spoofed provider cannot have a message (phone number, name, approval link) or a photo sent to a
    /// host of its choosing (OWASP API10:2023; docs/security-tests.md).
    /// </summary>
    public static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false };
}
