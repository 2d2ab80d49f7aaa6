using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.AuditLogs;

public sealed class AuditLogTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AuditLogs_ForAVisit_RecordTheCreationAndEveryTransitionNewestFirstWithTheActingUser()
    {
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var (receptionist, desk) = await Data.SignedInAsync("Receptionist");
        var visit = await Data.PendingVisitAsync(host.Id, client: desk);
        await Data.TransitionAsync(visit.Id, "approve", hostClient);
        await Data.TransitionAsync(visit.Id, "check-in", desk);
        await Data.TransitionAsync(visit.Id, "check-out", hostClient);

        var entries = (await AuditAsync($"?entityId={visit.Id}")).Items;

        Assert.Equal(["visit.checked_out", "visit.checked_in", "visit.approved", "visit.created"], entries.Select(e => e.Action));
        Assert.Equal([host.Id, receptionist.Id, host.Id, receptionist.Id], entries.Select(e => e.UserId));
        Assert.All(entries, e => Assert.Equal("Visit", e.EntityType));
        Assert.All(entries, e => Assert.Equal(visit.Id, e.EntityId));
        AssertNewestFirst(entries);
    }

    [Fact]
    public async Task AuditLogs_EntryTimes_AreTheTimesOfTheTransitions()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        var approved = await Data.TransitionAsync(visit.Id, "approve");

        var entries = (await AuditAsync($"?entityId={visit.Id}")).Items;

        Assert.Equal(approved.ApprovedAt, entries.Single(e => e.Action == "visit.approved").At);
        Assert.Equal(visit.CreatedAt, entries.Single(e => e.Action == "visit.created").At);
    }

    [Theory]
    [InlineData("reject", "visit.rejected")]
    [InlineData("cancel", "visit.cancelled")]
    public async Task AuditLogs_ForAClosingDecision_RecordIt(string action, string expected)
    {
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(visit.Id, action, hostClient);

        var entries = (await AuditAsync($"?entityId={visit.Id}")).Items;

        Assert.Equal([expected, "visit.created"], entries.Select(e => e.Action));
        Assert.Equal(host.Id, entries[0].UserId);
        Assert.Equal(await AdminIdAsync(), entries[1].UserId);
    }

    [Fact]
    public async Task AuditLogs_ForAnInvitation_RecordTheCreationByTheHost()
    {
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var visitor = await Data.VisitorAsync();
        var created = await TestData.InviteAsync(hostClient, visitor.PhoneNumber!);
        var visit = await created.ReadAsync<VisitBody>(HttpStatusCode.Created);

        var entry = Assert.Single((await AuditAsync($"?entityId={visit.Id}")).Items);

        Assert.Equal("visit.created", entry.Action);
        Assert.Equal(host.Id, entry.UserId);
    }

    [Fact]
    public async Task AuditLogs_ForAFailedTransition_RecordNothing()
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        var refused = await Data.Admin.PostAsync($"/api/visits/{visit.Id}/check-out", null);
        await TestData.Expect(refused, HttpStatusCode.Conflict);

        var entries = (await AuditAsync($"?entityId={visit.Id}")).Items;

        Assert.Equal(["visit.created"], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task AuditLogs_ForUsers_RecordCreationAndChangesByTheAdmin()
    {
        var adminId = await AdminIdAsync();
        var user = await Data.UserAsync("Host", "Una User");
        var patched = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { fullName = "Una Renamed", role = "Receptionist" });
        await TestData.Expect(patched, HttpStatusCode.OK);
        var deactivated = await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false });
        await TestData.Expect(deactivated, HttpStatusCode.OK);

        var entries = (await AuditAsync($"?entityId={user.Id}")).Items;

        Assert.Equal(["user.updated", "user.updated", "user.created"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(adminId, e.UserId));
        Assert.All(entries, e => Assert.Equal("User", e.EntityType));
        AssertNewestFirst(entries);
    }

    [Fact]
    public async Task AuditLogs_ForVisitors_RecordEveryChangeByTheActingUser()
    {
        var adminId = await AdminIdAsync();
        var (receptionist, desk) = await Data.SignedInAsync("Receptionist");
        var created = await desk.PostAsJsonAsync("/api/visitors", new { fullName = "Otto Original", phoneNumber = TestData.PhoneNumber() });
        var visitor = await created.ReadAsync<VisitorBody>(HttpStatusCode.Created);
        var updated = await desk.PutAsJsonAsync($"/api/visitors/{visitor.Id}", new { fullName = "Otto Updated", phoneNumber = visitor.PhoneNumber, company = "Umbrella" });
        await TestData.Expect(updated, HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{visitor.Id}/block", new { reason = "Lost badge twice" }), HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.PostAsync($"/api/visitors/{visitor.Id}/unblock", null), HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}"), HttpStatusCode.NoContent);

        var entries = (await AuditAsync($"?entityId={visitor.Id}")).Items;

        Assert.Equal(["visitor.erased", "visitor.unblocked", "visitor.blocked", "visitor.updated", "visitor.created"], entries.Select(e => e.Action));
        Assert.Equal([adminId, adminId, adminId, receptionist.Id, receptionist.Id], entries.Select(e => e.UserId));
        Assert.All(entries, e => Assert.Equal("Visitor", e.EntityType));
        AssertNewestFirst(entries);
    }

    [Fact]
    public async Task AuditLogs_ForAnInlineVisitor_RecordTheVisitorsCreationToo()
    {
        var host = await Data.UserAsync("Host");
        var (receptionist, desk) = await Data.SignedInAsync("Receptionist");
        var created = await desk.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = "Ina Inline", phoneNumber = TestData.PhoneNumber() },
            hostId = host.Id,
            purpose = "Walk-in",
        });
        var visit = await created.ReadAsync<VisitBody>(HttpStatusCode.Created);

        var entry = Assert.Single((await AuditAsync($"?entityId={visit.Visitor.Id}")).Items);

        Assert.Equal("visitor.created", entry.Action);
        Assert.Equal(receptionist.Id, entry.UserId);
    }

    [Fact]
    public async Task AuditLogs_FilteredByUserId_ReturnOnlyThatUsersActions()
    {
        var host = await Data.UserAsync("Host");
        var (receptionist, desk) = await Data.SignedInAsync("Receptionist");
        var byDesk = await Data.PendingVisitAsync(host.Id, client: desk);
        var byAdmin = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(byAdmin.Id, "approve");
        await Data.TransitionAsync(byAdmin.Id, "check-in", desk);

        var entries = (await AuditAsync($"?userId={receptionist.Id}")).Items;

        Assert.All(entries, e => Assert.Equal(receptionist.Id, e.UserId));
        Assert.Equal(
            [("visit.checked_in", byAdmin.Id), ("visit.created", byDesk.Id)],
            entries.Where(e => e.EntityType == "Visit").Select(e => (e.Action, e.EntityId)));
        Assert.DoesNotContain(entries, e => e.Action == "visit.approved");
    }

    [Fact]
    public async Task AuditLogs_FilteredByEntityIdAndUserId_ReturnTheIntersection()
    {
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(visit.Id, "approve", hostClient);
        var other = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(other.Id, "approve", hostClient);

        var entries = (await AuditAsync($"?entityId={visit.Id}&userId={host.Id}")).Items;

        var entry = Assert.Single(entries);
        Assert.Equal(("visit.approved", visit.Id, host.Id), (entry.Action, entry.EntityId, entry.UserId));
    }

    [Fact]
    public async Task AuditLogs_FilteredByAnUnknownEntity_ReturnAnEmptyPage()
    {
        var page = await AuditAsync($"?entityId={Guid.CreateVersion7()}");

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.Equal(0, page.TotalPages);
    }

    [Fact]
    public async Task AuditLogs_WholeList_IsNewestFirstAndPaged()
    {
        var host = await Data.UserAsync("Host");
        for (var i = 0; i < 3; i++)
        {
            var visit = await Data.PendingVisitAsync(host.Id);
            await Data.TransitionAsync(visit.Id, "cancel");
        }

        var all = await AuditAsync("?pageSize=100");
        var first = await AuditAsync("?page=1&pageSize=4");
        var second = await AuditAsync("?page=2&pageSize=4");

        AssertNewestFirst(all.Items);
        Assert.Equal(all.TotalCount, all.Items.Count);
        Assert.Equal(all.Items.Take(4).Select(e => e.Id), first.Items.Select(e => e.Id));
        Assert.Equal(all.Items.Skip(4).Take(4).Select(e => e.Id), second.Items.Select(e => e.Id));
        Assert.Equal((all.TotalCount + 3) / 4, first.TotalPages);
    }

    [Fact]
    public async Task AuditLogs_Details_HoldNoPersonalData()
    {
        const string UserName = "Gudrun Gatekeeper";
        const string UserPhone = "+4917612345678";
        const string UserRename = "Gudrun Renamed";
        const string UserPhone2 = "+4917687654321";
        const string VisitorName = "Xaver Xylophon";
        const string VisitorRename = "Xaver Zeppelin";
        const string VisitorEmail = "xaver.xylophon@example.com";
        const string VisitorCompany = "Xylophon Works";
        var visitorPhone = TestData.PhoneNumber();

        var createdUser = await Data.Admin.PostAsJsonAsync("/api/users", new
        {
            email = "gudrun.gatekeeper@example.com",
            fullName = UserName,
            phoneNumber = UserPhone,
            role = "Host",
            password = "correct-horse-battery",
        });
        var user = await createdUser.ReadAsync<UserBody>(HttpStatusCode.Created);
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { fullName = UserRename, phoneNumber = UserPhone2 }), HttpStatusCode.OK);
        var createdVisit = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = VisitorName, phoneNumber = visitorPhone, email = VisitorEmail, company = VisitorCompany },
            hostId = user.Id,
            purpose = "Meeting",
            notes = $"{VisitorName} brings a guest",
        });
        var visit = await createdVisit.ReadAsync<VisitBody>(HttpStatusCode.Created);
        await TestData.Expect(
            await Data.Admin.PutAsJsonAsync($"/api/visitors/{visit.Visitor.Id}", new { fullName = VisitorRename, phoneNumber = visitorPhone, email = VisitorEmail, company = VisitorCompany }),
            HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visits/{visit.Id}/reject", new { reason = $"{VisitorName} is not expected" }), HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{visit.Visitor.Id}/block", new { reason = $"{VisitorName} {visitorPhone}" }), HttpStatusCode.OK);

        var response = await Data.Admin.GetAsync("/api/audit-logs?pageSize=100");
        var raw = await response.Content.ReadAsStringAsync();
        var page = await response.ReadAsync<Paged<AuditEntry>>(HttpStatusCode.OK);

        Assert.Contains(page.Items, e => e.Action == "user.updated");
        Assert.Contains(page.Items, e => e.Action == "visitor.updated");
        Assert.Contains(page.Items, e => e.Action == "visitor.blocked");
        Assert.Contains(page.Items, e => e.Action == "visit.rejected");
        string[] personal =
        [
            UserName, UserRename, "Gudrun", UserPhone, UserPhone[1..], UserPhone2, UserPhone2[1..], "gudrun.gatekeeper", ApiFactory.AdminEmail,
            VisitorName, VisitorRename, "Xaver", VisitorEmail, VisitorCompany, visitorPhone, visitorPhone[1..],
        ];
        foreach (var value in personal)
        {
            Assert.DoesNotContain(value, raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("Receptionist")]
    [InlineData("Host")]
    public async Task AuditLogs_AsNonAdmin_Return403(string role)
    {
        var (_, client) = await Data.SignedInAsync(role);

        var response = await client.GetAsync("/api/audit-logs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AuditLogs_WithoutToken_Return401()
    {
        var response = await Data.Anonymous.GetAsync("/api/audit-logs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task AuditLogs_WithPagingOutsideTheContract_Return400(string query, string field)
    {
        var response = await Data.Admin.GetAsync("/api/audit-logs?" + query);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    private static void AssertNewestFirst(IReadOnlyList<AuditEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(entries[i - 1].At >= entries[i].At, $"Entry {i - 1} ({entries[i - 1].At:O}) is older than entry {i} ({entries[i].At:O}).");
        }
    }

    private async Task<Paged<AuditEntry>> AuditAsync(string query) =>
        await (await Data.Admin.GetAsync("/api/audit-logs" + query)).ReadAsync<Paged<AuditEntry>>(HttpStatusCode.OK);

    private async Task<Guid> AdminIdAsync() =>
        (await (await Data.Admin.GetAsync("/api/auth/me")).ReadAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("id").GetGuid();

    private sealed record AuditEntry(Guid Id, DateTimeOffset At, Guid? UserId, string Action, string EntityType, Guid EntityId, string? Details);
}
