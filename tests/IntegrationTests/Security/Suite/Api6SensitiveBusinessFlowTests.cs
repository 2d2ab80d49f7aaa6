using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API6:2023 Unrestricted Access to Sensitive Business Flows: the visit's flow cannot be skipped or repeated.
/// (Approval links: single use, expiry, a deactivated host's link: Approvals/*; login limits: Hardening/RateLimitTests.)
/// </summary>
public sealed class Api6SensitiveBusinessFlowTests(SecuritySuiteFactory factory) : SecurityTest(factory)
{
    [Fact]
    public async Task PendingVisit_CannotBeCheckedInBeforeItsHostApproves()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/check-in", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.Equal("PendingApproval", (await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task BlockedVisitor_ApprovedBeforeTheBlock_CannotCheckIn()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.ApprovedVisitAsync(host.Id);
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{visit.Visitor.Id}/block", new { reason = "Trespass" }), HttpStatusCode.OK);

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/check-in", null);

        await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Visitor_CannotHoldTwoOpenVisits()
    {
        var host = await Data.UserAsync("Host");
        var first = await Data.PendingVisitAsync(host.Id);

        var second = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = first.Visitor.Id, hostId = host.Id, purpose = "Again" });

        await TestData.ExpectProblem(second, HttpStatusCode.Conflict);
        Assert.Equal(1, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Fact]
    public async Task DecidedVisit_CannotBeDecidedAgain()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        await TestData.Expect(await client.PostAsJsonAsync($"/api/visits/{visit.Id}/reject", new { reason = "Not today" }), HttpStatusCode.OK);

        var response = await client.PostAsync($"/api/visits/{visit.Id}/approve", null);

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.Equal("Rejected", problem.Extensions!["currentStatus"].GetString());
    }
}
