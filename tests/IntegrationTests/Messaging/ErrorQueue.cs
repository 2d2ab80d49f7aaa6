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
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
                continue;
            }

            if (System.Text.Encoding.UTF8.GetString(message.Body.Span).Contains(visitId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
