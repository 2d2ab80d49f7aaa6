using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Approvals;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>
/// Issue 8, finding 2: a Host inviting by phone number learns nothing about the visitor directory (API.md, Visits): they
/// are shown what they sent, never the stored visitor's name, company, email or id, nor whether the visitor is blocked or
/// has an open visit; the front desk learns of a refused invitation from the audit log.
/// </summary>
[Collection(ApiVisitsCollection.Name)]
public sealed class HostInvitationPrivacyTests(ApiFactory factory) : ApiTest(factory)
{
    private const string StoredName = "Stored Directory Name";
    private const string StoredCompany = "Stored Directory Company";
    private const string StoredEmail = "stored.directory@example.com";

    [Fact]
    public async Task Invitation_MatchingAStoredVisitor_ShowsTheHostOnlyWhatTheySent_Everywhere()
    {
        var stored = await StoredVisitorAsync();
        var (host, hostClient) = await Data.SignedInAsync("Host");

        var response = await TestData.InviteAsync(hostClient, stored.PhoneNumber!, "Sent Name");

        var raw = await response.Content.ReadAsStringAsync();
        var created = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        var asSent = new VisitVisitorBody(null, "Sent Name", stored.PhoneNumber, null);
        Assert.Equal(asSent, created.Visitor);
        AssertNothingStoredIn(raw, stored.Id);

        // Every later view of the Host: by id, their list, a transition's answer.
        var byIdResponse = await hostClient.GetAsync($"/api/visits/{created.Id}");
        AssertNothingStoredIn(await byIdResponse.Content.ReadAsStringAsync(), stored.Id);
        Assert.Equal(asSent, (await byIdResponse.ReadAsync<VisitBody>(HttpStatusCode.OK)).Visitor);
        var listResponse = await hostClient.GetAsync("/api/visits");
        AssertNothingStoredIn(await listResponse.Content.ReadAsStringAsync(), stored.Id);
        Assert.Equal(asSent, Assert.Single((await listResponse.ReadAsync<Paged<VisitBody>>(HttpStatusCode.OK)).Items).Visitor);
        var cancelResponse = await hostClient.PostAsync($"/api/visits/{created.Id}/cancel", null);
        AssertNothingStoredIn(await cancelResponse.Content.ReadAsStringAsync(), stored.Id);
        Assert.Equal(asSent, (await cancelResponse.ReadAsync<VisitBody>(HttpStatusCode.OK)).Visitor);

        // The visit is the stored visitor's, and the front desk sees them as stored.
        var atDesk = await (await Data.Admin.GetAsync($"/api/visits/{created.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(new VisitVisitorBody(stored.Id, StoredName, stored.PhoneNumber, StoredCompany), atDesk.Visitor);
        Assert.Equal(host.Id, atDesk.Host.Id);
    }

    [Fact]
    public async Task Invitation_OfANewVisitor_ShowsTheHostTheSameShape()
    {
        var (_, hostClient) = await Data.SignedInAsync("Host");
        var phone = TestData.PhoneNumber();

        var created = await (await TestData.InviteAsync(hostClient, phone, "New Person", "Their Firm")).ReadAsync<VisitBody>(HttpStatusCode.Created);

        Assert.Equal(new VisitVisitorBody(null, "New Person", phone, "Their Firm"), created.Visitor);
        var atDesk = await (await Data.Admin.GetAsync($"/api/visits/{created.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.NotNull(atDesk.Visitor.Id);
        Assert.Equal(("New Person", "Their Firm"), (atDesk.Visitor.FullName, atDesk.Visitor.Company));
    }

    [Fact]
    public async Task VisitRegisteredAtTheDesk_ShowsItsHostTheStoredVisitor()
    {
        var stored = await StoredVisitorAsync();
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id, stored.Id);

        var seen = await (await hostClient.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);

        Assert.Equal(new VisitVisitorBody(stored.Id, StoredName, stored.PhoneNumber, StoredCompany), seen.Visitor);
    }

    [Fact]
    public async Task ListFilteredByAVisitorIdTheHostKnows_DoesNotRevealWhichInvitationIsThatVisitor()
    {
        var stored = await StoredVisitorAsync();
        var (host, hostClient) = await Data.SignedInAsync("Host");
        var atDesk = await Data.PendingVisitAsync(host.Id, stored.Id);
        await TestData.Expect(await Data.Admin.PostAsync($"/api/visits/{atDesk.Id}/cancel", null), HttpStatusCode.OK);
        var known = (await (await hostClient.GetAsync($"/api/visits/{atDesk.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Visitor.Id;
        Assert.Equal(stored.Id, known); // the front desk's visit shows its Host the stored visitor
        var invitation = await (await TestData.InviteAsync(hostClient, stored.PhoneNumber!, "Sent Name")).ReadAsync<VisitBody>(HttpStatusCode.Created);

        var filtered = await hostClient.ListVisitsAsync($"?visitorId={known}");

        Assert.Equal([atDesk.Id], filtered.Items.Select(v => v.Id));
        Assert.Equal(2, (await hostClient.ListVisitsAsync()).TotalCount);
        Assert.Contains(invitation.Id, (await Data.Admin.ListVisitsAsync($"?visitorId={known}")).Items.Select(v => v.Id));
    }

    [Fact]
    public async Task Invitation_OfABlockedVisitorAndOfOneWithAnOpenVisit_AreRefusedAlike_AndAudited()
    {
        var blocked = await StoredVisitorAsync();
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{blocked.Id}/block", new { reason = "Banned from the premises" }), HttpStatusCode.OK);
        var busy = await StoredVisitorAsync();
        var deskHost = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(deskHost.Id, busy.Id);
        var (host, hostClient) = await Data.SignedInAsync("Host");

        var toBlocked = await TestData.InviteAsync(hostClient, blocked.PhoneNumber!);
        var toBusy = await TestData.InviteAsync(hostClient, busy.PhoneNumber!);

        var rawBlocked = await toBlocked.Content.ReadAsStringAsync();
        var rawBusy = await toBusy.Content.ReadAsStringAsync();
        var refusedBlocked = await toBlocked.ProblemAsync(HttpStatusCode.Conflict);
        var refusedBusy = await toBusy.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("visit.cannot_invite", refusedBlocked.Extensions!["code"].GetString());
        Assert.Equal(refusedBlocked with { TraceId = null, Extensions = null }, refusedBusy with { TraceId = null, Extensions = null });
        Assert.Equal(refusedBlocked.Extensions["code"].GetString(), refusedBusy.Extensions!["code"].GetString());
        AssertNothingStoredIn(rawBlocked, blocked.Id);
        AssertNothingStoredIn(rawBusy, busy.Id);
        Assert.DoesNotContain("block", rawBlocked, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("open", rawBusy, StringComparison.OrdinalIgnoreCase);

        Assert.Empty((await hostClient.ListVisitsAsync()).Items);
        var blockedEntry = Assert.Single(await RefusalsAsync(blocked.Id));
        Assert.Equal((host.Id, "visitor.blocked"), (blockedEntry.UserId, blockedEntry.Details));
        var busyEntry = Assert.Single(await RefusalsAsync(busy.Id));
        Assert.Equal((host.Id, "visitor.open_visit"), (busyEntry.UserId, busyEntry.Details));
    }

    [Fact]
    public async Task FrontDesk_StillGetsThePreciseProblem()
    {
        var blocked = await StoredVisitorAsync();
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{blocked.Id}/block", new { reason = "Banned" }), HttpStatusCode.OK);
        var host = await Data.UserAsync("Host");

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = "Anyone", phoneNumber = blocked.PhoneNumber },
            hostId = host.Id,
            purpose = "Interview",
        });

        Assert.Equal("visitor.blocked", (await response.ProblemAsync(HttpStatusCode.Conflict)).Extensions!["code"].GetString());
        Assert.Empty(await RefusalsAsync(blocked.Id));
    }

    [Fact]
    public async Task Invitation_ByVisitorId_Returns400AndMakesNothing()
    {
        var stored = await StoredVisitorAsync();
        var (_, hostClient) = await Data.SignedInAsync("Host");

        var response = await hostClient.PostAsJsonAsync("/api/visits", new { visitorId = stored.Id, purpose = "Lunch", expectedAt = DateTimeOffset.UtcNow.AddHours(2) });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("visitorId", problem.Errors!.Keys);
        Assert.Empty((await Data.Admin.ListVisitsAsync()).Items);
    }

    private async Task<VisitorBody> StoredVisitorAsync()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new
        {
            fullName = StoredName,
            phoneNumber = TestData.PhoneNumber(),
            email = StoredEmail,
            company = StoredCompany,
        });
        return await response.ReadAsync<VisitorBody>(HttpStatusCode.Created);
    }

    private async Task<IReadOnlyList<AuditEntryBody>> RefusalsAsync(Guid visitorId) =>
        [.. (await (await Data.Admin.GetAsync($"/api/audit-logs?entityId={visitorId}")).ReadAsync<Paged<AuditEntryBody>>(HttpStatusCode.OK)).Items
            .Where(e => e.Action == "visitor.invitation_refused")];

    private static void AssertNothingStoredIn(string body, Guid storedId)
    {
        Assert.DoesNotContain(StoredName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(StoredCompany, body, StringComparison.Ordinal);
        Assert.DoesNotContain(StoredEmail, body, StringComparison.Ordinal);
        Assert.DoesNotContain(storedId.ToString(), body, StringComparison.OrdinalIgnoreCase);
    }
}
