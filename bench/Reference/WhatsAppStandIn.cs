using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CleanVisitors.Bench.Reference;

/// <summary>
/// The WhatsApp provider's stand-in for the <c>notifications</c> measurement (bench/run.sh points the product's
/// <c>WHATSAPP_API_URL</c> at <c>/whatsapp</c>): it accepts every message as the Cloud API does and counts what it
/// received, and how many distinct messages, so the run sees a message sent twice or never.
/// </summary>
internal sealed class WhatsAppStandIn
{
    private static readonly byte[] Accepted = """{"messaging_product":"whatsapp","messages":[{"id":"wamid.bench"}]}"""u8.ToArray();
    private readonly ConcurrentDictionary<string, byte> _distinct = new();
    private long _received;

    public async Task ReceiveAsync(HttpContext context)
    {
        // The message's bytes identify it: an approval request carries a link with a token of its own.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        Interlocked.Increment(ref _received);
        _distinct.TryAdd(Convert.ToBase64String(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length))), 0);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Accepted, context.RequestAborted);
    }

    /// <summary><c>received distinct</c>, as plain text for the shell.</summary>
    public string Counts() => $"{Interlocked.Read(ref _received)} {_distinct.Count}";
}
