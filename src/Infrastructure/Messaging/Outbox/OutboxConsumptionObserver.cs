using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>
/// Without a broker (the in-memory transport) a published message lives only in this process: a crash, a restart or a
/// consumer that ran out of retries would lose it. So there the outbox keeps each row until its consumer has finished
/// with it: the dispatcher only schedules the row's next publish (<see cref="OutboxOptions.RedeliverAfter"/>), and
/// this observer marks the row dispatched once the message was consumed. A row whose consumer failed is published
/// again when due; consumers deduplicate, so a second copy sends nothing new. With RabbitMQ the broker's durable queues
/// and its <c>_error</c> queue keep the message instead, and the dispatcher marks the row once the broker confirmed it.
/// </summary>
public sealed partial class OutboxConsumptionObserver(NpgsqlDataSource dataSource, ILogger<OutboxConsumptionObserver> logger) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public async Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.MessageId is not { } id)
        {
            return;
        }

        try
        {
            await using var command = dataSource.CreateCommand(
                "UPDATE outbox_messages SET dispatched_at = now() WHERE id = $1 AND dispatched_at IS NULL");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (Persistence.DatabaseFailures.IsUnavailable(ex))
        {
            // The row stays: it is published again when due, and the consumer finds its work done.
            LogNotMarked(logger, ex, id);
        }
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: could not mark message {MessageId} consumed; it will be delivered again")]
    private static partial void LogNotMarked(ILogger logger, Exception exception, Guid messageId);
}
