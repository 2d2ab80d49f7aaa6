using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class VisitTransitionTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Actions = ["approve", "reject", "check-in", "check-out", "cancel"];

    /// <summary>Every status reachable through HTTP (Expired through the database), with the actions the machine refuses there.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new(StringComparer.Ordinal)
    {
        ["PendingApproval"] = ["check-in", "check-out"],
        ["Approved"] = ["approve", "reject", "check-out"],
        ["CheckedIn"] = ["approve", "reject", "check-in", "cancel"],
        ["Rejected"] = Actions,
        ["CheckedOut"] = Actions,
        ["Cancelled"] = Actions,
        ["Expired"] = Actions,
    };

    public static TheoryData<string, string> ForbiddenTransitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (status, actions) in Forbidden)
        {
            foreach (var action in actions)
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("PendingApproval", "approve", "Approved")]
    [InlineData("PendingApproval", "reject", "Rejected")]
    [InlineData("PendingApproval", "cancel", "Cancelled")]
    [InlineData("Approved", "check-in", "CheckedIn")]
    [InlineData("Approved", "cancel", "Cancelled")]
    [InlineData("CheckedIn", "check-out", "CheckedOut")]
    public async Task Transition_WhenAllowed_Returns200WithTheWholeVisitAndItsTimestamp(string from, string action, string to)
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var visit = await VisitInStatusAsync(host.Id, from);
        var before = DateTimeOffset.UtcNow;

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/{action}", null);

        var after = DateTimeOffset.UtcNow;
        var moved = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(to, moved.Status);
        var stamp = to switch
        {
            "Approved" => moved.ApprovedAt,
            "Rejected" => moved.RejectedAt,
            "Cancelled" => moved.CancelledAt,
            "CheckedIn" => moved.CheckedInAt,
            "CheckedOut" => moved.CheckedOutAt,
            _ => throw new ArgumentOutOfRangeException(nameof(to)),
        };
        Assert.NotNull(stamp);
        Assert.InRange(stamp.Value, before, after);

        // The whole visit, not just the status: everything else is as it was.
        Assert.Equal(visit.Id, moved.Id);
        Assert.Equal(visit.SiteId, moved.SiteId);
        Assert.Equal(visit.BadgeCode, moved.BadgeCode);
        Assert.Equal(visit.Purpose, moved.Purpose);
        Assert.Equal(visit.Visitor, moved.Visitor);
        Assert.Equal(new VisitHostBody(host.Id, "Hanna Host"), moved.Host);
        Assert.Equal(visit.CreatedAt, moved.CreatedAt);
        Assert.Equal(moved, await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Transitions_ThroughTheWholeLifecycle_KeepEveryEarlierTimestamp()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var approved = await Data.TransitionAsync(visit.Id, "approve");
        var checkedIn = await Data.TransitionAsync(visit.Id, "check-in");
        var checkedOut = await Data.TransitionAsync(visit.Id, "check-out");

        Assert.Equal(approved.ApprovedAt, checkedOut.ApprovedAt);
        Assert.Equal(checkedIn.CheckedInAt, checkedOut.CheckedInAt);
        Assert.True(checkedOut.ApprovedAt < checkedOut.CheckedInAt);
        Assert.True(checkedOut.CheckedInAt < checkedOut.CheckedOutAt);
        Assert.Null(checkedOut.RejectedAt);
        Assert.Null(checkedOut.CancelledAt);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public async Task Transition_WhenTheStatusMachineForbidsIt_Returns409NamingTheCurrentStatus(string status, string action)
    {
        var host = await Data.UserAsync("Host");
        var visit = await VisitInStatusAsync(host.Id, status);

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/{action}", null);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(status, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(status, problem.Extensions!["currentStatus"].GetString());
        var unchanged = await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(status, unchanged.Status);
    }

    [Theory]
    [InlineData("approve", "Approved")]
    [InlineData("reject", "Rejected")]
    public async Task Decide_ByTheVisitsHost_Returns200(string action, string status)
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var moved = await Data.TransitionAsync(visit.Id, action, client);

        Assert.Equal(status, moved.Status);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Decide_ByAnotherHost_Returns404AndChangesNothing(string action)
    {
        var host = await Data.UserAsync("Host");
        var (_, otherHost) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await otherHost.PostAsync($"/api/visits/{visit.Id}/{action}", null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("PendingApproval", (await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Status);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Decide_ByReceptionist_Returns403AndChangesNothing(string action)
    {
        var host = await Data.UserAsync("Host");
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await receptionist.PostAsync($"/api/visits/{visit.Id}/{action}", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PendingApproval", (await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task CheckIn_ByHost_Returns403()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.ApprovedVisitAsync(host.Id);

        var response = await client.PostAsync($"/api/visits/{visit.Id}/check-in", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CheckInAndCheckOut_ByReceptionist_Return200()
    {
        var host = await Data.UserAsync("Host");
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");
        var visit = await Data.ApprovedVisitAsync(host.Id);

        var checkedIn = await Data.TransitionAsync(visit.Id, "check-in", receptionist);
        var checkedOut = await Data.TransitionAsync(visit.Id, "check-out", receptionist);

        Assert.Equal("CheckedIn", checkedIn.Status);
        Assert.Equal("CheckedOut", checkedOut.Status);
    }

    [Fact]
    public async Task CheckOut_ByTheVisitsHost_Returns200()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.ApprovedVisitAsync(host.Id);
        await Data.TransitionAsync(visit.Id, "check-in");

        var moved = await Data.TransitionAsync(visit.Id, "check-out", client);

        Assert.Equal("CheckedOut", moved.Status);
        Assert.NotNull(moved.CheckedOutAt);
    }

    [Theory]
    [InlineData("PendingApproval")]
    [InlineData("Approved")]
    public async Task Cancel_ByTheVisitsHost_Returns200(string status)
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await VisitInStatusAsync(host.Id, status);

        var moved = await Data.TransitionAsync(visit.Id, "cancel", client);

        Assert.Equal("Cancelled", moved.Status);
        Assert.NotNull(moved.CancelledAt);
    }

    [Fact]
    public async Task Cancel_ByReceptionist_Returns200()
    {
        var host = await Data.UserAsync("Host");
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");
        var visit = await Data.PendingVisitAsync(host.Id);

        var moved = await Data.TransitionAsync(visit.Id, "cancel", receptionist);

        Assert.Equal("Cancelled", moved.Status);
    }

    [Fact]
    public async Task Reject_WithReason_StoresTheReason()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await client.PostAsJsonAsync($"/api/visits/{visit.Id}/reject", new { reason = "I am out of office that day" });

        var rejected = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal("Rejected", rejected.Status);
        Assert.Equal("I am out of office that day", rejected.RejectionReason);
        Assert.NotNull(rejected.RejectedAt);
    }

    [Fact]
    public async Task Reject_WithoutBody_Returns200WithoutReason()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/reject", null);

        var rejected = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal("Rejected", rejected.Status);
        Assert.Null(rejected.RejectionReason);
    }

    [Fact]
    public async Task Reject_WithEmptyJsonObject_Returns200WithoutReason()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);

        var response = await Data.Admin.PostAsJsonAsync($"/api/visits/{visit.Id}/reject", new { });

        var rejected = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal("Rejected", rejected.Status);
        Assert.Null(rejected.RejectionReason);
    }

    [Fact]
    public async Task CheckIn_WhenVisitorWasBlockedAfterApproval_Returns409AndStaysApproved()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.ApprovedVisitAsync(host.Id);
        var blocked = await Data.Admin.PostAsJsonAsync($"/api/visitors/{visit.Visitor.Id}/block", new { reason = "Trespassing" });
        await TestData.Expect(blocked, HttpStatusCode.OK);

        var response = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/check-in", null);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("visitor.blocked", problem.Extensions!["code"].GetString());
        Assert.Equal("Approved", (await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Status);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("check-in")]
    [InlineData("cancel")]
    public async Task Transition_OfUnknownVisit_Returns404(string action)
    {
        var response = await Data.Admin.PostAsync($"/api/visits/{Guid.CreateVersion7()}/{action}", null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<VisitBody> VisitInStatusAsync(Guid hostId, string status)
    {
        var visit = await Data.PendingVisitAsync(hostId);
        switch (status)
        {
            case "PendingApproval":
                return visit;
            case "Approved":
                return await Data.TransitionAsync(visit.Id, "approve");
            case "Rejected":
                return await Data.TransitionAsync(visit.Id, "reject");
            case "Cancelled":
                return await Data.TransitionAsync(visit.Id, "cancel");
            case "CheckedIn":
                await Data.TransitionAsync(visit.Id, "approve");
                return await Data.TransitionAsync(visit.Id, "check-in");
            case "CheckedOut":
                await Data.TransitionAsync(visit.Id, "approve");
                await Data.TransitionAsync(visit.Id, "check-in");
                return await Data.TransitionAsync(visit.Id, "check-out");
            case "Expired":
                // Only the scheduled jobs expire visits; set the state they leave behind directly.
                await using (var connection = new NpgsqlConnection(Factory.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand("UPDATE visits SET status = 'Expired', expired_at = now() WHERE id = @id", connection);
                    command.Parameters.AddWithValue("id", visit.Id);
                    Assert.Equal(1, await command.ExecuteNonQueryAsync());
                }

                return visit with { Status = "Expired" };
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }
    }
}
