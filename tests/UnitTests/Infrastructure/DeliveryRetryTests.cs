using System.Net.Sockets;
using CleanVisitors.Infrastructure.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CleanVisitors.UnitTests.Infrastructure;

/// <summary>
/// Issue 9 §2: the notification consumers' retry policy on a real (in-memory) MassTransit bus. A database outage
/// reaches a consumer as an <see cref="NpgsqlException"/> around a socket error, often wrapped again by EF Core; the
/// policy handled <see cref="NpgsqlException"/> by type, which missed the wrapped ones, so such messages failed at
/// once instead of being retried.
/// </summary>
public sealed class DeliveryRetryTests
{
    public static TheoryData<string> DatabaseFailures => ["bare", "execution strategy gave up", "save failed"];

    [Theory]
    [MemberData(nameof(DatabaseFailures))]
    public async Task A_database_failure_however_EF_Core_wraps_it_is_retried(string shape)
    {
        // As Npgsql throws it when the server is gone: the socket's error inside. MassTransit matches a handled type
        // against the thrown exception and its innermost one (here the SocketException): wrapped by EF Core, the
        // NpgsqlException is neither, and slipped past a policy that handled NpgsqlException.
        var database = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        Exception failure = shape switch
        {
            "bare" => database,
            "execution strategy gave up" => new RetryLimitExceededException("Maximum number of retries (6) exceeded.", database),
            _ => new DbUpdateException("An error occurred while saving the entity changes.", database),
        };

        var attempts = await AttemptsUntilConsumedAsync(failure);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_bug_is_not_retried()
    {
        var attempts = await AttemptsUntilConsumedAsync(new InvalidOperationException("a bug"));

        Assert.Equal(1, attempts);
    }

    /// <summary>
    /// Publishes one message to a consumer that throws <paramref name="firstFailure"/> once; answers how many times it
    /// ran once the message was consumed or, its retries given up, faulted (MassTransit then publishes a Fault).
    /// </summary>
    private static async Task<int> AttemptsUntilConsumedAsync(Exception firstFailure)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new FailingOnce(firstFailure, finished);
        var settings = new MessagingOptions { RetryLimit = 2, RetryMinMs = 10, RetryMaxMs = 20 };
        var bus = Bus.Factory.CreateUsingInMemory(transport =>
        {
            transport.ReceiveEndpoint("delivery-retry-test", endpoint =>
            {
                endpoint.UseMessageRetry(retry => DeliveryRetry.Configure(retry, settings));
                endpoint.Consumer(() => consumer);
            });
            transport.ReceiveEndpoint("delivery-retry-test-faults", endpoint => endpoint.Handler<Fault<Ping>>(_ =>
            {
                finished.TrySetResult();
                return Task.CompletedTask;
            }));
        });
        await bus.StartAsync();
        try
        {
            await bus.Publish(new Ping(Guid.NewGuid()));
            await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return consumer.Attempts;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    public sealed record Ping(Guid Id);

    private sealed class FailingOnce(Exception failure, TaskCompletionSource finished) : IConsumer<Ping>
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task Consume(ConsumeContext<Ping> context)
        {
            if (Interlocked.Increment(ref _attempts) == 1)
            {
                throw failure;
            }

            finished.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
