using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class CreateVisitTests(ApiFactory factory) : ApiTest(factory)
{
    private const string BadgePattern = "^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$";

    [Theory]
    [InlineData("Receptionist")]
    [InlineData("Admin")]
    public async Task Create_ByFrontDesk_Returns201WithLocationAndPendingApprovalVisit(string role)
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var visitor = await Data.VisitorAsync("Vera Visitor", "Acme");
        var client = role == "Admin" ? Data.Admin : (await Data.SignedInAsync(role)).Client;
        var expectedAt = new DateTimeOffset(2031, 5, 4, 9, 30, 0, TimeSpan.Zero);

        var response = await client.PostAsJsonAsync("/api/visits", new
        {
            visitorId = visitor.Id,
            hostId = host.Id,
            purpose = "Quarterly review",
            expectedAt,
            notes = "Bring the contract",
        });

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.EndsWith($"/api/visits/{visit.Id}", response.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("PendingApproval", visit.Status);
        Assert.Matches(BadgePattern, visit.BadgeCode);
        Assert.Equal(new VisitVisitorBody(visitor.Id, "Vera Visitor", visitor.PhoneNumber, "Acme"), visit.Visitor);
        Assert.Equal(new VisitHostBody(host.Id, "Hanna Host"), visit.Host);
        Assert.Equal("Quarterly review", visit.Purpose);
        Assert.Equal("Bring the contract", visit.Notes);
        Assert.Equal(expectedAt, visit.ExpectedAt);
        Assert.Equal(await Data.DefaultSiteIdAsync(), visit.SiteId);
        Assert.Null(visit.ApprovedAt);
        Assert.Null(visit.CheckedInAt);

        var fetched = await (await client.GetAsync(response.Headers.Location)).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(visit, fetched);
    }

    [Fact]
    public async Task Create_ManyVisits_GivesEachADistinctBadgeCodeFromTheUnambiguousAlphabet()
    {
        var host = await Data.UserAsync("Host");

        var badges = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            badges.Add((await Data.PendingVisitAsync(host.Id)).BadgeCode);
        }

        Assert.All(badges, badge => Assert.Matches(BadgePattern, badge));
        Assert.Equal(badges.Count, badges.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Create_WithInlineVisitor_CreatesTheVisitorWithNormalisedPhoneNumber()
    {
        var host = await Data.UserAsync("Host");

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = "Nina New", phoneNumber = "+49 151 2345 6789", email = "nina@example.com", company = "Globex" },
            hostId = host.Id,
            purpose = "Interview",
        });

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.Equal("Nina New", visit.Visitor.FullName);
        Assert.Equal("+4915123456789", visit.Visitor.PhoneNumber);
        Assert.Equal("Globex", visit.Visitor.Company);
        var visitor = await (await Data.Admin.GetAsync($"/api/visitors/{visit.Visitor.Id}")).ReadAsync<VisitorBody>(HttpStatusCode.OK);
        Assert.Equal("nina@example.com", visitor.Email);
        Assert.NotNull(visitor.LastVisitAt);
    }

    [Fact]
    public async Task Create_WithInlineVisitorWhosePhoneNumberExists_UsesTheExistingVisitorAndCreatesNoDuplicate()
    {
        var host = await Data.UserAsync("Host");
        var existing = await Data.VisitorAsync("Mark Known", "Initech");
        var typed = existing.PhoneNumber![..3] + " " + existing.PhoneNumber[3..6] + " " + existing.PhoneNumber[6..];

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = "Someone Else", phoneNumber = typed },
            hostId = host.Id,
            purpose = "Delivery",
        });

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.Equal(existing.Id, visit.Visitor.Id);
        Assert.Equal("Mark Known", visit.Visitor.FullName);
        var visitors = await (await Data.Admin.GetAsync("/api/visitors")).ReadAsync<Paged<VisitorBody>>(HttpStatusCode.OK);
        Assert.Equal(1, visitors.TotalCount);
    }

    [Fact]
    public async Task Create_WithBothVisitorIdAndInlineVisitor_Returns400AndCreatesNothing()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitorId = visitor.Id,
            visitor = new { fullName = "Nina New", phoneNumber = TestData.PhoneNumber() },
            hostId = host.Id,
            purpose = "Interview",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("visitor", problem.Errors!.Keys);
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
        Assert.Equal(1, (await (await Data.Admin.GetAsync("/api/visitors")).ReadAsync<Paged<VisitorBody>>(HttpStatusCode.OK)).TotalCount);
    }

    [Fact]
    public async Task Create_WithNeitherVisitorIdNorInlineVisitor_Returns400()
    {
        var host = await Data.UserAsync("Host");

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { hostId = host.Id, purpose = "Interview" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("visitor", problem.Errors!.Keys);
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Receptionist")]
    public async Task Create_ByFrontDeskWithoutHostId_Returns400(string role)
    {
        var visitor = await Data.VisitorAsync();
        var client = role == "Admin" ? Data.Admin : (await Data.SignedInAsync(role)).Client;

        var response = await client.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, purpose = "Interview" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("hostId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WithHostIdOfAReceptionist_Returns400()
    {
        var receptionist = await Data.UserAsync("Receptionist");

        var problem = await CreateForHostAsync(receptionist.Id);

        Assert.Contains("hostId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WithHostIdOfAnAdmin_Returns400()
    {
        var admin = await Data.UserAsync("Admin");

        var problem = await CreateForHostAsync(admin.Id);

        Assert.Contains("hostId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WithHostIdOfAnInactiveHost_Returns400()
    {
        var host = await Data.UserAsync("Host");
        var deactivated = await Data.Admin.PatchAsJsonAsync($"/api/users/{host.Id}", new { isActive = false });
        await TestData.Expect(deactivated, HttpStatusCode.OK);

        var problem = await CreateForHostAsync(host.Id);

        Assert.Contains("hostId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WithUnknownHostId_Returns400()
    {
        var problem = await CreateForHostAsync(Guid.CreateVersion7());

        Assert.Contains("hostId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WithInlineVisitorButAnInvalidHost_Returns400AndCreatesNoVisitor()
    {
        var receptionist = await Data.UserAsync("Receptionist");

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitor = new { fullName = "Nina New", phoneNumber = TestData.PhoneNumber() },
            hostId = receptionist.Id,
            purpose = "Interview",
        });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        var visitors = await (await Data.Admin.GetAsync("/api/visitors")).ReadAsync<Paged<VisitorBody>>(HttpStatusCode.OK);
        Assert.Equal(0, visitors.TotalCount);
    }

    [Fact]
    public async Task Create_WithUnknownVisitorId_Returns400()
    {
        var host = await Data.UserAsync("Host");

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = Guid.CreateVersion7(), hostId = host.Id, purpose = "Interview" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("visitorId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_ByHostForThemselves_Returns201ApprovedInvitationWithApprovedAt()
    {
        var (host, client) = await Data.SignedInAsync("Host", "Ingo Inviter");
        var visitor = await Data.VisitorAsync();
        var expectedAt = DateTimeOffset.UtcNow.AddDays(1);
        var before = DateTimeOffset.UtcNow;

        var response = await TestData.InviteAsync(client, visitor.PhoneNumber!, expectedAt: expectedAt);

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.EndsWith($"/api/visits/{visit.Id}", response.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Approved", visit.Status);
        Assert.Equal(new VisitHostBody(host.Id, "Ingo Inviter"), visit.Host);
        Assert.NotNull(visit.ApprovedAt);
        Assert.InRange(visit.ApprovedAt.Value, before, DateTimeOffset.UtcNow);
        Assert.Equal(visit.CreatedAt, visit.ApprovedAt);
        Assert.Equal(expectedAt.UtcDateTime, visit.ExpectedAt!.Value.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Matches(BadgePattern, visit.BadgeCode);
    }

    [Fact]
    public async Task Create_ByHostNamingThemselvesAsHost_Returns201()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await client.PostAsJsonAsync("/api/visits", new { visitor = Inline(visitor), hostId = host.Id, purpose = "Lunch", expectedAt = DateTimeOffset.UtcNow.AddHours(2) });

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.Equal(host.Id, visit.Host.Id);
        Assert.Equal("Approved", visit.Status);
    }

    [Fact]
    public async Task Create_ByHostWithoutExpectedAt_Returns400()
    {
        var (_, client) = await Data.SignedInAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await client.PostAsJsonAsync("/api/visits", new { visitor = Inline(visitor), purpose = "Lunch" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("expectedAt", problem.Errors!.Keys);
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Fact]
    public async Task Create_ByHostNamingAnotherHost_Returns400()
    {
        var (_, client) = await Data.SignedInAsync("Host");
        var otherHost = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await client.PostAsJsonAsync("/api/visits", new { visitor = Inline(visitor), hostId = otherHost.Id, purpose = "Lunch", expectedAt = DateTimeOffset.UtcNow.AddHours(2) });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("hostId", problem.Errors!.Keys);
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Fact]
    public async Task Create_ForBlockedVisitor_Returns409()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();
        var blocked = await Data.Admin.PostAsJsonAsync($"/api/visitors/{visitor.Id}/block", new { reason = "Banned from the premises" });
        await TestData.Expect(blocked, HttpStatusCode.OK);

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Interview" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("visitor.blocked", problem.Extensions!["code"].GetString());
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Theory]
    [InlineData("PendingApproval")]
    [InlineData("Approved")]
    [InlineData("CheckedIn")]
    public async Task Create_ForVisitorWithAnOpenVisit_Returns409(string openStatus)
    {
        var host = await Data.UserAsync("Host");
        var visit = await Data.PendingVisitAsync(host.Id);
        if (openStatus != "PendingApproval")
        {
            await Data.TransitionAsync(visit.Id, "approve");
        }

        if (openStatus == "CheckedIn")
        {
            await Data.TransitionAsync(visit.Id, "check-in");
        }

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visit.Visitor.Id, hostId = host.Id, purpose = "Second visit" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("visitor.open_visit", problem.Extensions!["code"].GetString());
        Assert.Equal(1, (await Data.Admin.ListVisitsAsync()).TotalCount);
    }

    [Fact]
    public async Task Create_ForVisitorWhosePreviousVisitIsClosed_Returns201()
    {
        var host = await Data.UserAsync("Host");
        var first = await Data.PendingVisitAsync(host.Id);
        await Data.TransitionAsync(first.Id, "cancel");

        var second = await Data.PendingVisitAsync(host.Id, first.Visitor.Id);

        Assert.Equal(first.Visitor.Id, second.Visitor.Id);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Create_WithoutSiteIdWhileOneSiteExists_UsesTheDefaultSite()
    {
        var host = await Data.UserAsync("Host");

        var visit = await Data.PendingVisitAsync(host.Id);

        Assert.Equal(await Data.DefaultSiteIdAsync(), visit.SiteId);
    }

    [Fact]
    public async Task Create_WithoutSiteIdWhileTwoSitesExist_Returns400()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();
        await Data.NewSiteAsync();

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Interview" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("siteId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WithSiteIdWhileTwoSitesExist_Returns201AtThatSite()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();
        var siteId = await Data.NewSiteAsync("Harbour Office");

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { siteId, visitorId = visitor.Id, hostId = host.Id, purpose = "Interview" });

        var visit = await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
        Assert.Equal(siteId, visit.SiteId);
    }

    [Fact]
    public async Task Create_WithUnknownSiteId_Returns400()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { siteId = Guid.CreateVersion7(), visitorId = visitor.Id, hostId = host.Id, purpose = "Interview" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("siteId", problem.Errors!.Keys);
    }

    private static object Inline(VisitorBody visitor) => new { fullName = visitor.FullName, phoneNumber = visitor.PhoneNumber };

    private async Task<ProblemBody> CreateForHostAsync(Guid hostId)
    {
        var visitor = await Data.VisitorAsync();
        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId, purpose = "Interview" });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await Data.Admin.ListVisitsAsync()).TotalCount);
        return problem;
    }
}
