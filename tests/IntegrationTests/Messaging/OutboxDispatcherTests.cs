using System.Collections.Concurrent;
using CleanVisitors.Application.Notifications;
using CleanVisitors.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>Small batches and a short poll: the test below is about sharing rows, not about how the dispatcher wakes up.</summary>
public sealed class OutboxFactory : MessagingApiFactory
{
    public OutboxFactory()
    {
        Settings["OUTBOX_BATCH_SIZE"] = "10";
        Settings["OUTBOX_POLL_INTERVAL_MS"] = "50";
    }
}

/// <summary>A second API instance on the same database and broker as <paramref name="primary"/> (no database of its own).</summary>
public sealed class PeerApiFactory(ApiFactory primary) : ApiFactory
{
    public override string ConnectionString => primary.ConnectionString;

    public override async Task InitializeAsync()
    {
        foreach (var (key, value) in primary.Settings)
        {
            Settings[key] = value;
        }

        _ = Server;
        using var client = CreateClient();
        await Eventually.StatusAsync(client, "/health/ready", System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60));
    }
}

public sealed class OutboxDispatcherTests(OutboxFactory factory) : MessagingTest<OutboxFactory>(factory)
{
    private const int Rows = 200;

    [Fact]
    public async Task TwoInstancesDrainingOneOutbox_PublishEveryRowExactlyOnce()
    {
        await using var peer = new PeerApiFactory(Factory);
        await peer.InitializeAsync();
        var busA = Factory.Services.GetRequiredService<IBus>();
        var busB = peer.Services.GetRequiredService<IBus>();

        // At the broker: a queue of the test's own, bound like the consumer's, gets one copy of every publish.
        var deliveries = new ConcurrentDictionary<Guid, int>();
        var counter = busA.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance, endpoint =>
            endpoint.Handler<VisitNotificationRequested>(context =>
            {
                deliveries.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
                return Task.CompletedTask;
            }));
        await counter.Ready;

        // In each instance: what its dispatcher published. A's first publish waits until B has published one, so B
        // works while A's transaction holds the row locks of its first batch: the rows are really contended.
        var publishedByB = new PublishRecorder(null);
        var publishedByA = new PublishRecorder(publishedByB.FirstPublished);
        using var observeA = busA.ConnectPublishObserver(publishedByA);
        using var observeB = busB.ConnectPublishObserver(publishedByB);
        try
        {
            var ids = await InsertPendingRowsAsync(Rows);

            await Eventually.UntilAsync(() => Task.FromResult(deliveries.Count), count => count == Rows, Patience,
                count => $"{count} of {Rows} messages reached the broker");
            await Eventually.UntilAsync(PendingRowsAsync, pending => pending == 0, Patience, pending => $"{pending} rows still pending");

            Assert.Equal(ids.Order(), deliveries.Keys.Order());
            Assert.All(deliveries, pair => Assert.True(pair.Value == 1, $"Message {pair.Key} reached the broker {pair.Value} times."));
            Assert.True(publishedByA.Count > 0 && publishedByB.Count > 0, $"Both instances publish: A {publishedByA.Count}, B {publishedByB.Count}.");
            Assert.Equal(Rows, publishedByA.Count + publishedByB.Count);
            Assert.Equal(0, publishedByA.Repeated + publishedByB.Repeated);
            Assert.Empty(publishedByA.Ids.Intersect(publishedByB.Ids));
        }
        finally
        {
            await counter.StopAsync();
        }
    }

    private async Task<Guid[]> InsertPendingRowsAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        var payloads = ids.Select(id => $$"""{"eventId":"{{id}}","visitId":"{{Guid.NewGuid()}}","kind":0}""").ToArray();
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts)
            SELECT r.id, 'visit-notification-requested', r.payload::jsonb, now() + r.n * interval '1 microsecond', 0
            FROM unnest(@ids, @payloads) WITH ORDINALITY AS r(id, payload, n)
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
        Assert.Equal(count, await command.ExecuteNonQueryAsync());
        return ids;
    }

    private async Task<long> PendingRowsAsync()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Records the notification requests one bus published; optionally holds its first publish until a signal.</summary>
    private sealed class PublishRecorder(Task? holdFirstUntil) : IPublishObserver
    {
        private readonly ConcurrentDictionary<Guid, byte> _ids = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held;
        private int _repeated;

        public Task FirstPublished => _first.Task;

        public int Count => _ids.Count;

        public IEnumerable<Guid> Ids => _ids.Keys;

        /// <summary>Publishes of a message id this bus had published already.</summary>
        public int Repeated => Volatile.Read(ref _repeated);

        public async Task PrePublish<T>(PublishContext<T> context)
            where T : class
        {
            if (holdFirstUntil is not null && context.Message is VisitNotificationRequested && Interlocked.Exchange(ref _held, 1) == 0)
            {
                // Bounded: should B never publish, the assertions say so instead of the test hanging.
                await Task.WhenAny(holdFirstUntil, Task.Delay(TimeSpan.FromSeconds(4)));
            }
        }

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.Message is VisitNotificationRequested)
            {
                if (!_ids.TryAdd(context.MessageId!.Value, 0))
                {
                    Interlocked.Increment(ref _repeated);
                }

                _first.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
