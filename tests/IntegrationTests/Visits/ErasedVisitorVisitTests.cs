using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Messaging;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>Right to erasure as seen from the visits: they stay, but nothing of the person does.</summary>
[Collection(ApiVisitsCollection.Name)]
public sealed class ErasedVisitorVisitTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Name = "Vera Visitorsdottir";
    private const string Company = "Vera Consulting";
    private const string Email = "vera.visitorsdottir@example.com";

    [Fact]
    public async Task Erase_KeepsTheVisitsButNoPersonalDataInGetById()
    {
        var (visitor, visits) = await VisitorWithHistoryAsync();

        await EraseAsync(visitor.Id);

        foreach (var before in visits)
        {
            var response = await Data.Admin.GetAsync($"/api/visits/{before.Id}");
            var raw = await response.Content.ReadAsStringAsync();
            var after = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
            Assert.Equal(new VisitVisitorBody(visitor.Id, null, null, null), after.Visitor);
            Assert.Equal(before.Status, after.Status);
            Assert.Equal(before.BadgeCode, after.BadgeCode);
            Assert.Equal(before.CreatedAt, after.CreatedAt);
            Assert.Equal(before.CheckedOutAt, after.CheckedOutAt);
            Assert.Equal(before.RejectedAt, after.RejectedAt);
            AssertNoPersonalData(raw, visitor);
        }
    }

    [Fact]
    public async Task Erase_ClearsTheNotesAndRejectionReasonsOfTheirVisits()
    {
        var (visitor, visits) = await VisitorWithHistoryAsync();
        Assert.Contains(visits, v => v.Notes is not null);
        Assert.Contains(visits, v => v.RejectionReason is not null);

        await EraseAsync(visitor.Id);

        foreach (var visit in visits)
        {
            var after = await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
            Assert.Null(after.Notes);
            Assert.Null(after.RejectionReason);
            Assert.Equal("(erased)", after.Purpose);
        }
    }

    [Fact]
    public async Task Erase_LeavesNoPersonalDataInTheByBadgeAnswer()
    {
        var (visitor, visits) = await VisitorWithHistoryAsync();

        await EraseAsync(visitor.Id);

        var response = await Data.Admin.GetAsync($"/api/visits/by-badge/{visits[0].BadgeCode}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal("(erased)", (await response.ReadAsync<VisitBody>(HttpStatusCode.OK)).Purpose);
        AssertNoPersonalData(raw, visitor);
    }

    [Fact]
    public async Task Erase_FullyMasksTheirNumberInNotificationRecords_AndLeavesTheHostsAlone()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitor = await Data.VisitorAsync(Name, Company);
        var visit = await CreateAsync(visitor.Id, host.Id, null);
        await Data.TransitionAsync(visit.Id, "approve");
        await Data.TransitionAsync(visit.Id, "cancel");
        var before = await Eventually.UntilAsync(
            () => Data.Admin.NotificationsAsync(visit.Id), list => list.Count == 2, TimeSpan.FromSeconds(30), list => $"{list.Count} notification records");
        Assert.Contains(before, n => n.Kind == "Approved" && n.Recipient.EndsWith(visitor.PhoneNumber![^3..], StringComparison.Ordinal));

        await EraseAsync(visitor.Id);

        var after = await Data.Admin.NotificationsAsync(visit.Id);
        Assert.Equal("***", Assert.Single(after, n => n.Kind == "Approved").Recipient);
        Assert.Equal(before.Single(n => n.Kind == "ApprovalRequested").Recipient, Assert.Single(after, n => n.Kind == "ApprovalRequested").Recipient);
        Assert.EndsWith(hostPhone[^3..], after.Single(n => n.Kind == "ApprovalRequested").Recipient, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_ClearsWhatTheInvitingHostGave()
    {
        var (_, hostClient) = await Data.SignedInAsync("Host");
        var phone = TestData.PhoneNumber();
        var invited = await (await TestData.InviteAsync(hostClient, phone, Name, Company, purpose: $"Lunch with {Name}")).ReadAsync<VisitBody>(HttpStatusCode.Created);
        var atDesk = await (await Data.Admin.GetAsync($"/api/visits/{invited.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.PostAsync($"/api/visits/{invited.Id}/cancel", null), HttpStatusCode.OK);

        await EraseAsync(atDesk.Visitor.Id!.Value);

        var response = await hostClient.GetAsync($"/api/visits/{invited.Id}");
        var raw = await response.Content.ReadAsStringAsync();
        var seen = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(new VisitVisitorBody(null, null, null, null), seen.Visitor);
        Assert.Equal("(erased)", seen.Purpose);
        Assert.DoesNotContain(Name, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Company, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(phone[1..], raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_LeavesNoPersonalDataInTheVisitList()
    {
        var (visitor, visits) = await VisitorWithHistoryAsync();

        await EraseAsync(visitor.Id);

        var response = await Data.Admin.GetAsync($"/api/visits?visitorId={visitor.Id}");
        var raw = await response.Content.ReadAsStringAsync();
        var page = await response.ReadAsync<Paged<VisitBody>>(HttpStatusCode.OK);
        Assert.Equal(visits.Count, page.TotalCount);
        Assert.All(page.Items, v => Assert.Equal(new VisitVisitorBody(visitor.Id, null, null, null), v.Visitor));
        AssertNoPersonalData(raw, visitor);
    }

    [Fact]
    public async Task Erase_LeavesNoPersonalDataInTheExport()
    {
        var (visitor, visits) = await VisitorWithHistoryAsync();

        await EraseAsync(visitor.Id);

        var response = await Data.Admin.GetAsync("/api/visits/export");
        var raw = await response.Content.ReadAsStringAsync();
        await TestData.Expect(response, HttpStatusCode.OK);
        var rows = Csv.Parse(raw).Skip(1).ToList();
        Assert.Equal(visits.Select(v => v.Id).Order(), rows.Select(r => Guid.Parse(r[0])).Order());
        Assert.All(rows, row => Assert.Equal(["", "", ""], row.Skip(4).Take(3)));
        Assert.All(rows, row => Assert.Equal("(erased)", row[3]));
        Assert.All(rows, row => Assert.Equal("Hanna Host", row[7]));
        AssertNoPersonalData(raw, visitor);
    }

    [Fact]
    public async Task Erase_LeavesTheVisitorRecordWithEveryPersonalFieldNull()
    {
        var (visitor, _) = await VisitorWithHistoryAsync();

        await EraseAsync(visitor.Id);

        var response = await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}");
        var raw = await response.Content.ReadAsStringAsync();
        var erased = await response.ReadAsync<VisitorBody>(HttpStatusCode.OK);
        Assert.True(erased.IsErased);
        Assert.Null(erased.FullName);
        Assert.Null(erased.PhoneNumber);
        Assert.Null(erased.Email);
        Assert.Null(erased.Company);
        Assert.Null(erased.BlockReason);
        Assert.False(erased.HasPhoto);
        AssertNoPersonalData(raw, visitor);
    }

    [Fact]
    public async Task Erase_WhileTheVisitorIsCheckedIn_Returns409AndKeepsTheirData()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync(Name, Company);
        var visit = await Data.ApprovedVisitAsync(host.Id, visitor.Id);
        await Data.TransitionAsync(visit.Id, "check-in");

        var response = await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("visitor.on_site", problem.Extensions!["code"].GetString());
        var kept = await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(Name, kept.Visitor.FullName);
    }

    [Theory]
    [InlineData("PendingApproval")]
    [InlineData("Approved")]
    public async Task Erase_WithAnOpenVisitNotOnSite_Returns204AndTheVisitHoldsNoPersonalData(string status)
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync(Name, Company);
        var visit = await CreateAsync(visitor.Id, host.Id, "Notes naming " + Name);
        if (status == "Approved")
        {
            await Data.TransitionAsync(visit.Id, "approve");
        }

        await EraseAsync(visitor.Id);

        var response = await Data.Admin.GetAsync($"/api/visits/{visit.Id}");
        var raw = await response.Content.ReadAsStringAsync();
        var after = await response.ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(new VisitVisitorBody(visitor.Id, null, null, null), after.Visitor);
        Assert.Null(after.Notes);
        AssertNoPersonalData(raw, visitor);
    }

    [Fact]
    public async Task Erase_ErasedVisitor_CannotGetANewVisit()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync(Name, Company);
        await EraseAsync(visitor.Id);

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Return visit" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Erase_ThenInlineVisitorWithTheSamePhoneNumber_CreatesANewVisitorAndLinksNothingToTheErasedOne()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync(Name, Company);
        await EraseAsync(visitor.Id);

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = Name, phoneNumber = visitor.PhoneNumber },
            hostId = host.Id,
            purpose = "Return visit",
        });

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.NotEqual(visitor.Id, visit.Visitor.Id);
        var erased = await (await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}")).ReadAsync<VisitorBody>(HttpStatusCode.OK);
        Assert.Null(erased.PhoneNumber);
    }

    [Fact]
    public async Task Erase_AsReceptionist_Returns403()
    {
        var visitor = await Data.VisitorAsync(Name, Company);
        var (_, receptionist) = await Data.SignedInAsync("Receptionist");

        var response = await receptionist.DeleteAsync($"/api/visitors/{visitor.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Name, (await (await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}")).ReadAsync<VisitorBody>(HttpStatusCode.OK)).FullName);
    }

    private static void AssertNoPersonalData(string raw, VisitorBody visitor)
    {
        Assert.DoesNotContain(Name, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Visitorsdottir", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Company, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Email, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(visitor.PhoneNumber!, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.PhoneNumber![1..], raw, StringComparison.Ordinal);
    }

    private async Task EraseAsync(Guid visitorId)
    {
        var response = await Data.Admin.DeleteAsync($"/api/visitors/{visitorId}");
        await TestData.Expect(response, HttpStatusCode.NoContent);
    }

    private async Task<VisitBody> CreateAsync(Guid visitorId, Guid hostId, string? notes)
    {
        // A purpose that names the person, as front desks write them: erasure must not leave it behind.
        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId, hostId, purpose = $"Interview with {Name}", notes });
        return await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
    }

    /// <summary>A visitor with full personal data and three closed visits: checked out (with notes), rejected (with a reason), cancelled.</summary>
    private async Task<(VisitorBody Visitor, List<VisitBody> Visits)> VisitorWithHistoryAsync()
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var created = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = Name, phoneNumber = TestData.PhoneNumber(), email = Email, company = Company });
        var visitor = await created.ReadAsync<VisitorBody>(HttpStatusCode.Created);

        var visits = new List<VisitBody>();
        var checkedOut = await CreateAsync(visitor.Id, host.Id, $"{Name} of {Company} needs a parking permit; call {visitor.PhoneNumber}");
        await Data.TransitionAsync(checkedOut.Id, "approve");
        await Data.TransitionAsync(checkedOut.Id, "check-in");
        visits.Add(await Data.TransitionAsync(checkedOut.Id, "check-out"));

        var rejected = await CreateAsync(visitor.Id, host.Id, null);
        var rejection = await Data.Admin.PostAsJsonAsync($"/api/visits/{rejected.Id}/reject", new { reason = $"{Name} was rude last time" });
        visits.Add(await rejection.ReadAsync<VisitBody>(HttpStatusCode.OK));

        var cancelled = await CreateAsync(visitor.Id, host.Id, "Escort " + Name + " to room 4");
        visits.Add(await Data.TransitionAsync(cancelled.Id, "cancel"));
        return (visitor, visits);
    }
}
