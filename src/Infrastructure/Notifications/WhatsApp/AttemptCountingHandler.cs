namespace CleanVisitors.Infrastructure.Notifications.WhatsApp;

/// <summary>Counts the HTTP attempts of one send, retries included (it sits inside the resilience pipeline).</summary>
public sealed class AttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(WhatsAppClient.AttemptsKey, out var attempts))
        {
            Interlocked.Increment(ref attempts.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
