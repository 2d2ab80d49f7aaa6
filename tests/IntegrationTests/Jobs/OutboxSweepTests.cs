using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>outbox-sweep: publishes pending rows now, even those the dispatcher holds back after failures.</summary>
public sealed class OutboxSweepTests(CronApiFactory factory) : CronTest(factory)
{
    [Fact]
    public async Task OutboxSweep_PublishesRowsBackingOffRegardlessOfTheirSchedule()
    {
        // Rows the dispatcher would not retry for an hour (as after a broker outage); they name no visit, so the
        // consumer drops them once delivered.
        var inserted = await ExecuteAsync("""
            INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, next_attempt_at, last_error)
            SELECT gen_random_uuid(), 'visit-notification-requested',
                   jsonb_build_object('eventId', gen_random_uuid(), 'visitId', gen_random_uuid(), 'kind', 2),
                   now() - interval '10 minutes', 4, now() + interval '1 hour', 'BrokerUnreachableException: down'
            FROM generate_series(1, 3)
            """);
        Assert.Equal(3, inserted);

        var run = await RunAsync("outbox-sweep");

        Assert.Equal(3, run.Affected);
        // Without a broker (this factory) a row is done with once its message was consumed, a moment after the publish.
        await Eventually.UntilAsync(
            () => ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL"),
            pending => pending == 0,
            TimeSpan.FromSeconds(30),
            pending => $"{pending} rows not consumed");
        Assert.Equal(0, (await RunAsync("outbox-sweep")).Affected);
    }

    [Fact]
    public async Task OutboxSweep_WhenARowCannotBePublished_Returns500AndRecordsTheRunAsFailed()
    {
        await ExecuteAsync("""
            INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, next_attempt_at)
            VALUES (gen_random_uuid(), 'no-such-message', '{}', now(), 0, now() + interval '1 hour')
            """);

        var response = await CronClient().PostAsync("/api/cron/outbox-sweep", null);

        await TestData.ExpectProblem(response, HttpStatusCode.InternalServerError);
        var run = Assert.Single((await RunsAsync("?job=outbox-sweep")).Items);
        Assert.Equal("Failed", run.Outcome);
        Assert.NotNull(run.FinishedAt);
        Assert.Contains("unknown type 'no-such-message'", run.Error, StringComparison.Ordinal);
    }
}
