using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>
/// Issue 9 §2 and §4: kill -9 under load, then a restart, on real PostgreSQL and real RabbitMQ, with the WhatsApp fake
/// counting what it received. Every visit whose creation was committed gets its approval request, and under one
/// idempotency key: a copy the broker hands out again after the crash never makes a second, different message.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
[Trait("Category", "Fault")]
[Collection(ProcessCollection.Name)]
public sealed class CrashRecoveryTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly WhatsAppFake _whatsApp = new();

    [Fact]
    public async Task KillNineUnderLoad_ThenRestart_EveryCommittedVisitIsNotifiedUnderOneKey()
    {
        var broker = await RabbitMqFixture.GetAsync();
        var settings = ProcessSettings.ValidProduction(database.ConnectionString)
            .With("RABBITMQ_URL", broker.Url)
            .With("WHATSAPP_API_URL", _whatsApp.Url)
            .With("WHATSAPP_API_TOKEN", WhatsAppFake.Token)
            // A short lease (timeout × attempts + 10 s, + 5 s): a notification claimed by the killed process is taken over soon.
            .With("WHATSAPP_TIMEOUT_MS", "1000")
            .With("WHATSAPP_HTTP_RETRIES", "0")
            .With("NOTIFICATION_RETRY_LIMIT", "10")
            .With("NOTIFICATION_RETRY_MIN_MS", "200")
            .With("NOTIFICATION_RETRY_MAX_MS", "2000");
        var hostPhone = TestData.PhoneNumber();
        var run = RandomNumberGenerator.GetInt32(10, 99);
        var prefix = $"Crash Run{run} ";
        var answered = new ConcurrentBag<Guid>();
        var refused = new ConcurrentBag<string>();

        await using (var first = ApiProcess.Start(settings))
        {
            await first.WaitUntilReadyAsync();
            using var admin = await ProcessRun.SignInAsAdminAsync(first);
            var hostId = await ProcessRun.CreateHostAsync(admin.Client, "Crash Host", hostPhone);
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                using var client = first.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/api/visits", new
                        {
                            visitor = new { fullName = $"{prefix}W{worker} N{n} End", phoneNumber = $"+49151{run}{worker:D2}{n:D4}" },
                            hostId,
                            purpose = "Crash test",
                        }, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            answered.Add((await response.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!.Id);
                            if (answered.Count >= 40)
                            {
                                enough.TrySetResult();
                            }
                        }
                        else
                        {
                            refused.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop.Token)}");
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return; // the process is gone
                    }
                }
            })).ToList();

            // Killed in the middle of creating visits and sending their approval requests.
            await Task.WhenAny(enough.Task, Task.Delay(Patience));
            Assert.True(enough.Task.IsCompleted, $"{answered.Count} visits created; refusals: {string.Join('\n', refused.Take(5))}");
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        await using var second = ApiProcess.Start(settings);
        await second.WaitUntilReadyAsync();

        var committed = await CommittedVisitsAsync(prefix);
        Assert.Superset(answered.ToHashSet(), committed.Select(v => v.Id).ToHashSet()); // every 201 was committed
        // Each committed visit's approval request reaches the host: one message (one idempotency key) per visit.
        var requests = await Eventually.UntilAsync(
            () => Task.FromResult(_whatsApp.RequestsTo(hostPhone)),
            received => received.Where(r => r.StatusCode == 200).Select(r => r.IdempotencyKey).Distinct().Count() >= committed.Count,
            Patience,
            received => $"{received.Select(r => r.IdempotencyKey).Distinct().Count()} of {committed.Count} messages received");
        var perVisit = requests.Where(r => r.StatusCode == 200)
            .GroupBy(r => committed.Single(v => r.Text!.Contains(v.Name, StringComparison.Ordinal)).Id)
            .ToDictionary(g => g.Key, g => g.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal(committed.Select(v => v.Id).Order(), perVisit.Keys.Order());
        Assert.All(perVisit, pair => Assert.True(pair.Value == 1, $"Visit {pair.Key} got {pair.Value} different messages."));
    }

    public void Dispose() => _whatsApp.Dispose();

    private async Task<IReadOnlyList<(Guid Id, string Name)>> CommittedVisitsAsync(string prefix)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT v.id, p.full_name FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE p.full_name LIKE @prefix", connection);
        command.Parameters.AddWithValue("prefix", prefix + "%");
        await using var reader = await command.ExecuteReaderAsync();
        var visits = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            visits.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return visits;
    }
}
