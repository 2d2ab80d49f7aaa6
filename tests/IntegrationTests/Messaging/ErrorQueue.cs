using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>What the broker moved to a consumer's <c>_error</c> queue (dead-lettering): MassTransit's last word on a message.</summary>
public static class ErrorQueue
{
    /// <summary>Whether a message about <paramref name="visitId"/> reached <paramref name="queue"/> within <paramref name="timeout"/> (taken off it when found).</summary>
    public static async Task<bool> HoldsAsync(string brokerUrl, string queue, Guid visitId, TimeSpan timeout)
    {
        var connections = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(brokerUrl) };
        await using var connection = await connections.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await Eventually.LastAsync(
            async () => await channel.BasicGetAsync(queue, autoAck: true) is { } message
                && System.Text.Encoding.UTF8.GetString(message.Body.Span).Contains(visitId.ToString(), StringComparison.OrdinalIgnoreCase),
            found => found,
            timeout);
    }
}
