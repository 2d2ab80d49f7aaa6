using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class VisitLifecycleTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Visit_WhenRegisteredApprovedCheckedInAndOut_EndsCheckedOutWithEveryTimestamp()
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        Assert.Equal("PendingApproval", visit.Status);

        await Data.TransitionAsync(visit.Id, "approve");
        await Data.TransitionAsync(visit.Id, "check-in");
        var done = await Data.TransitionAsync(visit.Id, "check-out");

        Assert.Equal("CheckedOut", done.Status);
        Assert.NotNull(done.ApprovedAt);
        Assert.NotNull(done.CheckedInAt);
        Assert.NotNull(done.CheckedOutAt);
        Assert.Equal("Hanna Host", done.Host.FullName);
    }

    [Fact]
    public async Task CheckIn_WhenVisitIsPendingApproval_Returns409NamingTheCurrentStatus()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.Contains("PendingApproval", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal("PendingApproval", problem.Extensions!["currentStatus"].GetString());
    }
}
