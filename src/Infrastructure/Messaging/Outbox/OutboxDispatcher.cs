using System.Diagnostics;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>
/// Publishes pending outbox rows to the broker in batches. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> in a
/// transaction held while they are published, so several API instances share the work and a row is published by
/// one of them; it is marked dispatched in the same transaction. A publish that fails (broker down) leaves the row
/// pending with a later <c>next_attempt_at</c>, and the dispatcher backs off; nothing is lost, and delivery is
/// at least once (consumers deduplicate by message id = event id). Without a broker a row stays until its message was
/// consumed (<see cref="OutboxConsumptionObserver"/>).
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(ignoreSchedule: false, stoppingToken);
                backoff = TimeSpan.Zero;
                await CleanUpAsync(stoppingToken);
                if (published >= _options.BatchSize)
                {
                    continue;
                }

                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                LogBackingOff(logger, ex, (int)backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Publishes one batch; answers how many rows went out. Throws when a publish failed (after saving its state).</summary>
    public async Task<int> DispatchBatchAsync(bool ignoreSchedule, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            var dueBy = ignoreSchedule ? DateTimeOffset.MaxValue : now;
            var rows = await db.OutboxMessages
                .FromSql($"""
                    SELECT * FROM outbox_messages
                    WHERE dispatched_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= {dueBy})
                    ORDER BY occurred_at
                    LIMIT {_options.BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(ct);
            // The batch's publishes go out together: each waits for the broker's confirm, and one after the other they
            // capped the dispatcher at a few hundred messages a second (bench/README.md, the notifications measurement).
            // Order among them was never promised (consumers run concurrently); a row that fails waits its backoff.
            var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, ct)));
            var published = 0;
            Exception? failure = null;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (outcomes[i] is not { } ex)
                {
                    if (_options.KeepUntilConsumed)
                    {
                        row.NextAttemptAt = now + _options.RedeliverAfter;
                    }
                    else
                    {
                        row.DispatchedAt = time.GetUtcNow();
                    }

                    published++;
                    continue;
                }

                row.Attempts++;
                row.LastError = ex.GetType().Name + ": " + (ex.Message.Length > 400 ? ex.Message[..400] : ex.Message);
                row.NextAttemptAt = now + TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(Math.Pow(2, Math.Min(row.Attempts, 10))).Ticks, _options.MaxBackoff.Ticks));
                failure ??= ex;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (published > 0)
            {
                LogPublished(logger, published);
            }

            return failure is null ? published : throw new OutboxPublishException(published, failure);
        }, cancellationToken);
    }

    /// <summary>Publishes one row; answers the failure, or null once the broker confirmed it. Cancellation is not a failure: it throws.</summary>
    private async Task<Exception?> PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        // The publish continues the trace of the work that wrote the row; MassTransit's send span, the message's
        // headers, the consumer and the WhatsApp call follow from it.
        using var activity = StartPublishActivity(row);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            var message = OutboxMessageTypes.Read(row);
            await bus.Publish(message, message.GetType(), context => context.MessageId = row.Id, timeout.Token);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return ex;
        }
    }

    /// <summary>A span for one row's publish, a child of the row's trace context; none when the row has none.</summary>
    private static Activity? StartPublishActivity(OutboxMessage row)
    {
        if (row.TraceParent is null || !ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent))
        {
            return null;
        }

        var activity = Tracing.Source.StartActivity($"outbox publish {row.Type}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        activity?.SetTag("cleanvisitors.outbox.attempts", row.Attempts);
        return activity;
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastCleanup < TimeSpan.FromMinutes(10))
        {
            return;
        }

        _lastCleanup = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>();
        var before = now - _options.Retention;
        var deleted = await db.OutboxMessages.Where(m => m.DispatchedAt != null && m.DispatchedAt < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogCleanedUp(logger, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox: published {Count} messages")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: publishing failed (broker or database unavailable?); retrying in {DelayMs} ms")]
    private static partial void LogBackingOff(ILogger logger, Exception exception, int delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: deleted {Count} dispatched rows past retention")]
    private static partial void LogCleanedUp(ILogger logger, int count);
}
