using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>Concurrent state changes of one visit: exactly one wins, the others get 409.</summary>
[Collection(ApiVisitsCollection.Name)]
public sealed class VisitConcurrencyTests(ApiFactory factory) : ApiTest(factory)
{
    private const int Attempts = 10;

    private static readonly string[] ConflictCodes = ["visit.concurrent_change", "visit.invalid_transition"];

    [Fact]
    public async Task CheckIn_TenParallelRequestsForOneApprovedVisit_ExactlyOneWinsAndNineGet409()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.ApprovedVisitAsync(host.Id);
        var clients = await ReceptionistClientsAsync();
        try
        {
            // Warm up in parallel (tokens, database connections) so that the check-ins overlap as much as possible.
            var warmUps = await Task.WhenAll(clients.Select(client => client.GetAsync($"/api/visits/{visit.Id}")));
            Assert.All(warmUps, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            var responses = await RaceAsync(clients, client => client.PostAsync($"/api/visits/{visit.Id}/check-in", null));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(Attempts - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
            foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var problem = await loser.ProblemAsync(HttpStatusCode.Conflict);
                Assert.Contains(problem.Extensions!["code"].GetString(), ConflictCodes);
            }

            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadAsync<VisitBody>(HttpStatusCode.OK);
            var stored = await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
            Assert.Equal("CheckedIn", stored.Status);
            Assert.Equal(winner.CheckedInAt, stored.CheckedInAt);

            var audit = await (await Data.Admin.GetAsync($"/api/audit-logs?entityId={visit.Id}&pageSize=100"))
                .ReadAsync<Paged<JsonElement>>(HttpStatusCode.OK);
            Assert.Single(audit.Items, entry => entry.GetProperty("action").GetString() == "visit.checked_in");
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task Create_TenParallelVisitsForOneVisitor_ExactlyOneIsCreatedAndNineGet409()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();
        var clients = await ReceptionistClientsAsync();
        try
        {
            var warmUps = await Task.WhenAll(clients.Select(client => client.GetAsync($"/api/visitors/{visitor.Id}")));
            Assert.All(warmUps, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            var responses = await RaceAsync(clients, client => client.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Meeting" }));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(Attempts - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
            foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var problem = await loser.ProblemAsync(HttpStatusCode.Conflict);
                Assert.Equal("visitor.open_visit", problem.Extensions!["code"].GetString());
            }

            Assert.Equal(1, (await Data.Admin.ListVisitsAsync($"?visitorId={visitor.Id}")).TotalCount);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    /// <summary>Starts every request at once (released by one signal) and waits for all of them.</summary>
    private static async Task<HttpResponseMessage[]> RaceAsync(IEnumerable<HttpClient> clients, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = clients.Select(client => Task.Run(async () =>
        {
            await start.Task;
            return await send(client);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(attempts);
    }

    private async Task<List<HttpClient>> ReceptionistClientsAsync()
    {
        var (receptionist, first) = await Data.SignedInAsync("Receptionist");
        var clients = new List<HttpClient> { first };
        for (var i = 1; i < Attempts; i++)
        {
            clients.Add(await Factory.ClientForAsync(receptionist.Email, "correct-horse-battery"));
        }

        return clients;
    }
}
