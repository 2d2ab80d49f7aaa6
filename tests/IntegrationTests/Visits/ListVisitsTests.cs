using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class ListVisitsTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateTimeOffset Ten = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_ReturnsVisitsNewestFirst()
    {
        var host = await Data.UserAsync("Host");
        var first = await Data.PendingVisitAsync(host.Id);
        var second = await Data.PendingVisitAsync(host.Id);
        var third = await Data.PendingVisitAsync(host.Id);

        var page = await Data.Admin.ListVisitsAsync();

        Assert.Equal([third.Id, second.Id, first.Id], page.Items.Select(v => v.Id));
        Assert.Equal(third, page.Items[0]);
    }

    [Fact]
    public async Task List_OrdersByCreatedAtNotByInsertionOrder()
    {
        var host = await Data.UserAsync("Host");
        var first = await Data.PendingVisitAsync(host.Id);
        var second = await Data.PendingVisitAsync(host.Id);
        await Data.SetVisitCreatedAtAsync(first.Id, Ten.AddHours(1));
        await Data.SetVisitCreatedAtAsync(second.Id, Ten);

        var page = await Data.Admin.ListVisitsAsync();

        Assert.Equal([first.Id, second.Id], page.Items.Select(v => v.Id));
    }

    [Fact]
    public async Task List_FilteredByStatus_ReturnsOnlyVisitsInThatStatus()
    {
        var host = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(host.Id);
        var approved = await Data.ApprovedVisitAsync(host.Id);
        var cancelled = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(cancelled.Id, "cancel");

        var page = await Data.Admin.ListVisitsAsync("?status=Approved");

        Assert.Equal(approved.Id, Assert.Single(page.Items).Id);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task List_FilteredByUnknownStatus_Returns400()
    {
        var response = await Data.Admin.GetAsync("/api/visits?status=Teleported");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_FilteredByHostId_ReturnsOnlyThatHostsVisits()
    {
        var host = await Data.UserAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        var mine = await Data.PendingVisitAsync(host.Id);
        await Data.PendingVisitAsync(otherHost.Id);

        var page = await Data.Admin.ListVisitsAsync($"?hostId={host.Id}");

        Assert.Equal(mine.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task List_FilteredByVisitorId_ReturnsOnlyThatVisitorsVisits()
    {
        var host = await Data.UserAsync("Host");
        var earlier = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(earlier.Id, "cancel");
        var later = await Data.PendingVisitAsync(host.Id, earlier.Visitor.Id);
        await Data.PendingVisitAsync(host.Id);

        var page = await Data.Admin.ListVisitsAsync($"?visitorId={earlier.Visitor.Id}");

        Assert.Equal([later.Id, earlier.Id], page.Items.Select(v => v.Id));
    }

    [Fact]
    public async Task List_FilteredByFromAndTo_ReturnsVisitsCreatedInTheHalfOpenInterval()
    {
        var host = await Data.UserAsync("Host");
        var before = await VisitCreatedAtAsync(host.Id, Ten.AddTicks(-10));
        var atFrom = await VisitCreatedAtAsync(host.Id, Ten);
        var inside = await VisitCreatedAtAsync(host.Id, Ten.AddMinutes(30));
        var atTo = await VisitCreatedAtAsync(host.Id, Ten.AddHours(1));

        var page = await Data.Admin.ListVisitsAsync($"?from={VisitHttp.Query(Ten)}&to={VisitHttp.Query(Ten.AddHours(1))}");

        Assert.Equal([inside, atFrom], page.Items.Select(v => v.Id));
        Assert.DoesNotContain(before, page.Items.Select(v => v.Id));
        Assert.DoesNotContain(atTo, page.Items.Select(v => v.Id));
    }

    [Fact]
    public async Task List_FilteredByFromOnly_IncludesVisitsCreatedAtOrAfterFrom()
    {
        var host = await Data.UserAsync("Host");
        await VisitCreatedAtAsync(host.Id, Ten.AddSeconds(-1));
        var atFrom = await VisitCreatedAtAsync(host.Id, Ten);
        var later = await VisitCreatedAtAsync(host.Id, Ten.AddDays(3));

        var page = await Data.Admin.ListVisitsAsync($"?from={VisitHttp.Query(Ten)}");

        Assert.Equal([later, atFrom], page.Items.Select(v => v.Id));
    }

    [Fact]
    public async Task List_FilteredByToOnly_ExcludesVisitsCreatedAtOrAfterTo()
    {
        var host = await Data.UserAsync("Host");
        var earlier = await VisitCreatedAtAsync(host.Id, Ten.AddSeconds(-1));
        await VisitCreatedAtAsync(host.Id, Ten);

        var page = await Data.Admin.ListVisitsAsync($"?to={VisitHttp.Query(Ten)}");

        Assert.Equal(earlier, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task List_WithFromGivenInAnotherOffset_ComparesTheInstant()
    {
        var host = await Data.UserAsync("Host");
        await VisitCreatedAtAsync(host.Id, Ten.AddMinutes(-1));
        var atFrom = await VisitCreatedAtAsync(host.Id, Ten);

        // 11:00+01:00 is 10:00Z.
        var page = await Data.Admin.ListVisitsAsync("?from=" + Uri.EscapeDataString("2030-01-01T11:00:00+01:00"));

        Assert.Equal(atFrom, Assert.Single(page.Items).Id);
    }

    [Theory]
    [InlineData("2030-01-01T10:00:00Z", "2030-01-01T10:00:00Z")]
    [InlineData("2030-01-02T10:00:00Z", "2030-01-01T10:00:00Z")]
    public async Task List_WithToNotAfterFrom_Returns400(string from, string to)
    {
        var response = await Data.Admin.GetAsync($"/api/visits?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors!);
    }

    [Fact]
    public async Task List_AsReceptionist_ReturnsEveryHostsVisits()
    {
        var host = await Data.UserAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(host.Id);
        await Data.PendingVisitAsync(otherHost.Id);
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");

        var page = await receptionist.ListVisitsAsync();

        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task List_AsHost_ReturnsOnlyTheirOwnVisits()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        var mine = await Data.PendingVisitAsync(host.Id);
        await Data.PendingVisitAsync(otherHost.Id);
        await Data.PendingVisitAsync(otherHost.Id);

        var page = await client.ListVisitsAsync();

        Assert.Equal(mine.Id, Assert.Single(page.Items).Id);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task List_AsHostFilteringByAnotherHost_ReturnsNothing()
    {
        var (_, client) = await Data.SignedInAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(otherHost.Id);

        var page = await client.ListVisitsAsync($"?hostId={otherHost.Id}");

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task Get_AsHostForTheirOwnVisit_Returns200()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var fetched = await (await client.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);

        Assert.Equal(visit, fetched);
    }

    [Fact]
    public async Task Get_AsHostForAnotherHostsVisit_Returns404()
    {
        var (_, client) = await Data.SignedInAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(otherHost.Id);

        var response = await client.GetAsync($"/api/visits/{visit.Id}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_ForUnknownId_Returns404()
    {
        var response = await Data.Admin.GetAsync($"/api/visits/{Guid.CreateVersion7()}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("PendingApproval", "approve")]
    [InlineData("PendingApproval", "reject")]
    [InlineData("PendingApproval", "cancel")]
    [InlineData("CheckedIn", "check-out")]
    public async Task Transition_AsHostOnAnotherHostsVisit_Returns404AndChangesNothing(string status, string action)
    {
        var (_, client) = await Data.SignedInAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(otherHost.Id);
        if (status == "CheckedIn")
        {
            await Data.TransitionAsync(visit.Id, "approve");
            await Data.TransitionAsync(visit.Id, "check-in");
        }

        var response = await client.PostAsync($"/api/visits/{visit.Id}/{action}", null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(status, (await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task List_WithoutToken_Returns401()
    {
        var response = await Data.Anonymous.GetAsync("/api/visits");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<Guid> VisitCreatedAtAsync(Guid hostId, DateTimeOffset createdAt)
    {
        var visit = await Data.PendingVisitAsync(hostId);
        await Data.SetVisitCreatedAtAsync(visit.Id, createdAt);
        return visit.Id;
    }
}
