using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>API1:2023 Broken Object Level Authorization: a Host reaches their own visits only, by any path.</summary>
public sealed class Api1ObjectLevelAuthorizationTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    [Fact]
    public async Task Host_CannotReadOrChangeAnotherHostsVisit()
    {
        var owner = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(owner.Id);
        var (_, intruder) = await Data.SignedInAsync("Host");

        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(intruder.GetAsync($"/api/visits/{visit.Id}")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(intruder.PostAsync($"/api/visits/{visit.Id}/approve", null)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(intruder.PostAsJsonAsync($"/api/visits/{visit.Id}/reject", new { reason = "No" })));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(intruder.PostAsync($"/api/visits/{visit.Id}/cancel", null)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(intruder.PostAsync($"/api/visits/{visit.Id}/check-out", null)));

        var after = await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", after.Status);
    }

    [Fact]
    public async Task Host_AnotherHostsVisit_AnswersExactlyLikeAMissingOne()
    {
        var owner = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(owner.Id);
        var (_, intruder) = await Data.SignedInAsync("Host");

        var existing = await TestData.ExpectProblem(await intruder.GetAsync($"/api/visits/{visit.Id}"), HttpStatusCode.NotFound);
        var missingId = Guid.CreateVersion7();
        var missing = await TestData.ExpectProblem(await intruder.GetAsync($"/api/visits/{missingId}"), HttpStatusCode.NotFound);

        // No existence oracle: the same problem but for the id the client sent itself.
        Assert.Equal(existing.Extensions!["code"].GetString(), missing.Extensions!["code"].GetString());
        Assert.Equal(existing.Title, missing.Title);
        Assert.Equal(existing.Detail!.Replace(visit.Id.ToString(), "ID", StringComparison.OrdinalIgnoreCase), missing.Detail!.Replace(missingId.ToString(), "ID", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Host_FilteringTheListByAnotherHostOrTheirVisitor_SeesNothingOfTheirs()
    {
        var owner = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(owner.Id);
        var (_, intruder) = await Data.SignedInAsync("Host");

        Assert.Empty((await intruder.ListVisitsAsync($"?hostId={owner.Id}")).Items);
        Assert.Empty((await intruder.ListVisitsAsync($"?visitorId={visit.Visitor.Id}")).Items);
        Assert.Empty((await intruder.ListVisitsAsync()).Items);
    }

    [Fact]
    public async Task Host_CannotReachAVisitsVisitorOrNotificationRecords()
    {
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        // Even for their own visit: the directory and the delivery records are the front desk's.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(hostClient.GetAsync($"/api/visitors/{visit.Visitor.Id}")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(hostClient.GetAsync($"/api/visitors/{visit.Visitor.Id}/photo")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(hostClient.GetAsync($"/api/visits/{visit.Id}/notifications")));
    }
}
