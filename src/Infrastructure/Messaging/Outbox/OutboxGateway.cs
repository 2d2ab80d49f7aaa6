using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>The outbox port for the scheduled jobs: an idempotent write by id, and a publish of everything pending.</summary>
public sealed class OutboxGateway(CleanVisitorsDbContext db, OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<OutboxOptions> options) : IOutbox
{
    public async Task<bool> AddOnceAsync(Guid messageId, object message, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var row = OutboxMessageTypes.Create(messageId, message, occurredAt);
        var written = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, trace_parent, trace_state)
            VALUES ({row.Id}, {row.Type}, CAST({row.Payload} AS jsonb), {row.OccurredAt}, 0, {row.TraceParent}, {row.TraceState})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        if (written > 0)
        {
            signal.Notify();
        }

        return written > 0;
    }

    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        while (true)
        {
            var batch = await dispatcher.DispatchBatchAsync(ignoreSchedule: true, cancellationToken);
            published += batch;
            if (batch < options.Value.BatchSize)
            {
                return published;
            }
        }
    }
}
