using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class OnSiteAndBadgeTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task OnSite_ListsExactlyTheCheckedInVisits()
    {
        var host = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(host.Id);
        await Data.ApprovedVisitAsync(host.Id);
        var firstIn = await CheckedInVisitAsync(host.Id);
        var secondIn = await CheckedInVisitAsync(host.Id);
        var left = await CheckedInVisitAsync(host.Id);
        await Data.TransitionAsync(left.Id, "check-out");
        var cancelled = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(cancelled.Id, "cancel");

        var onSite = await OnSiteAsync(Data.Admin, "");

        Assert.Equal(new[] { firstIn.Id, secondIn.Id }.Order(), onSite.Select(v => v.Id).Order());
        Assert.All(onSite, v => Assert.Equal("CheckedIn", v.Status));
        Assert.All(onSite, v => Assert.NotNull(v.Visitor.FullName));
    }

    [Fact]
    public async Task OnSite_WhenNobodyIsCheckedIn_ReturnsAnEmptyArray()
    {
        var host = await Data.UserAsync("Host");
        await Data.ApprovedVisitAsync(host.Id);

        var onSite = await OnSiteAsync(Data.Admin, "");

        Assert.Empty(onSite);
    }

    [Fact]
    public async Task OnSite_FilteredBySiteId_ListsOnlyThatSitesCheckedInVisits()
    {
        var host = await Data.UserAsync("Host");
        var defaultSite = await Data.DefaultSiteIdAsync();
        var here = await CheckedInVisitAsync(host.Id);
        var harbour = await Data.NewSiteAsync("Harbour Office");
        var visitor = await Data.VisitorAsync();
        var created = await Data.Admin.PostAsJsonAsync("/api/visits", new { siteId = harbour, visitorId = visitor.Id, hostId = host.Id, purpose = "Audit" });
        var there = await created.ReadAsync<VisitBody>(HttpStatusCode.Created);
        await Data.TransitionAsync(there.Id, "approve");
        await Data.TransitionAsync(there.Id, "check-in");

        var atHarbour = await OnSiteAsync(Data.Admin, $"?siteId={harbour}");
        var atDefault = await OnSiteAsync(Data.Admin, $"?siteId={defaultSite}");
        var everywhere = await OnSiteAsync(Data.Admin, "");

        Assert.Equal(there.Id, Assert.Single(atHarbour).Id);
        Assert.Equal(here.Id, Assert.Single(atDefault).Id);
        Assert.Equal(2, everywhere.Count);
    }

    [Fact]
    public async Task OnSite_AsReceptionist_Returns200()
    {
        var host = await Data.UserAsync("Host");
        var visit = await CheckedInVisitAsync(host.Id);
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");

        var onSite = await OnSiteAsync(receptionist, "");

        Assert.Equal(visit.Id, Assert.Single(onSite).Id);
    }

    [Fact]
    public async Task OnSite_AsHost_Returns403()
    {
        var (_, client) = await Data.SignedInAsync("Host");

        var response = await client.GetAsync("/api/visits/on-site");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ByBadge_WithTheVisitsCode_Returns200WithTheVisit()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        await Data.PendingVisitAsync(host.Id);

        var found = await (await Data.Admin.GetAsync($"/api/visits/by-badge/{visit.BadgeCode}")).ReadAsync<VisitBody>(HttpStatusCode.OK);

        Assert.Equal(visit, found);
    }

    [Fact]
    public async Task ByBadge_WithLowerCaseCode_FindsTheVisit()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");

        var found = await (await receptionist.GetAsync($"/api/visits/by-badge/{visit.BadgeCode.ToLowerInvariant()}")).ReadAsync<VisitBody>(HttpStatusCode.OK);

        Assert.Equal(visit.Id, found.Id);
    }

    [Fact]
    public async Task ByBadge_WithUnknownWellFormedCode_Returns404()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        var unknown = visit.BadgeCode == "ZZZZZZZZ" ? "YYYYYYYY" : "ZZZZZZZZ";

        var response = await Data.Admin.GetAsync($"/api/visits/by-badge/{unknown}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHJ")]
    [InlineData("ABCDEF01")]
    [InlineData("ABCDEFGI")]
    [InlineData("ABCD-EFG")]
    public async Task ByBadge_WithMalformedCode_Returns400(string code)
    {
        var response = await Data.Admin.GetAsync($"/api/visits/by-badge/{Uri.EscapeDataString(code)}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("badgeCode", problem.Errors!.Keys);
    }

    [Fact]
    public async Task ByBadge_AsHost_Returns403()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await client.GetAsync($"/api/visits/by-badge/{visit.BadgeCode}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<IReadOnlyList<VisitBody>> OnSiteAsync(HttpClient client, string query) =>
        await (await client.GetAsync("/api/visits/on-site" + query)).ReadAsync<List<VisitBody>>(HttpStatusCode.OK);

    private async Task<VisitBody> CheckedInVisitAsync(Guid hostId)
    {
        var visit = await Data.ApprovedVisitAsync(hostId);
        return await Data.TransitionAsync(visit.Id, "check-in");
    }
}
