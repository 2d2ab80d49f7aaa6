using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Visits;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>purge-retention: visitors with no visit in RETENTION_DAYS lose their personal data; their visits stay, anonymised.</summary>
public sealed class PurgeRetentionTests(CronApiFactory factory) : CronTest(factory)
{
    private static readonly TimeSpan LongAgo = TimeSpan.FromDays(400);

    [Fact]
    public async Task PurgeRetention_ErasesVisitorsWithNoVisitInTheRetentionPeriod_KeepingTheirVisitsAnonymised()
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var lapsed = await Data.VisitorAsync("Lapsed Visitor", "Old Company");
        var visit = await VisitWithNotesAsync(lapsed.Id, host.Id, "Bring the signed NDA");
        await Data.TransitionAsync(visit.Id, "approve");
        await Data.TransitionAsync(visit.Id, "check-in");
        await Data.TransitionAsync(visit.Id, "check-out");
        await BackdateAsync("visitors", "last_visit_at", lapsed.Id, LongAgo);
        await BackdateAsync("visitors", "created_at", lapsed.Id, LongAgo);
        await BackdateAsync("visits", "created_at", visit.Id, LongAgo);
        var neverCame = await Data.VisitorAsync("Never Came");
        await BackdateAsync("visitors", "created_at", neverCame.Id, LongAgo);
        var regular = await Data.VisitorAsync("Regular Visitor");
        await BackdateAsync("visitors", "created_at", regular.Id, LongAgo);
        await BackdateAsync("visitors", "last_visit_at", regular.Id, TimeSpan.FromDays(300));
        var newcomer = await Data.VisitorAsync("New Visitor");

        var run = await RunAsync("purge-retention");

        Assert.Equal(2, run.Affected);
        foreach (var id in new[] { lapsed.Id, neverCame.Id })
        {
            var erased = await VisitorAsync(id);
            Assert.True(erased.IsErased);
            Assert.Null(erased.FullName);
            Assert.Null(erased.PhoneNumber);
            Assert.Null(erased.Company);
            var audit = Assert.Single(await AuditAsync(id), a => a.Action == "visitor.erased");
            Assert.Null(audit.UserId);
        }

        var kept = await VisitAsync(visit.Id);
        Assert.Equal("CheckedOut", kept.Status);
        Assert.Equal("(erased)", kept.Purpose); // free text may name the person (API.md, purge-retention)
        Assert.Equal(new VisitHostBody(host.Id, "Hanna Host"), kept.Host);
        Assert.Null(kept.Notes);
        Assert.Equal(new VisitVisitorBody(lapsed.Id, null, null, null), kept.Visitor);
        Assert.Equal("Regular Visitor", (await VisitorAsync(regular.Id)).FullName);
        Assert.Equal("New Visitor", (await VisitorAsync(newcomer.Id)).FullName);
        Assert.Equal(0, (await RunAsync("purge-retention")).Affected);
    }

    [Fact]
    public async Task PurgeRetention_DeletesTheErasedVisitorsPhoto()
    {
        var lapsed = await Data.VisitorAsync("Photo Visitor");
        using (var form = Photos.PhotoBytes.Form(Photos.PhotoBytes.Jpeg()))
        {
            await TestData.Expect(await Data.Admin.PutAsync($"/api/visitors/{lapsed.Id}/photo", form), HttpStatusCode.NoContent);
        }

        var stored = Directory.GetFiles(Factory.BlobRoot, "*", SearchOption.AllDirectories).Where(f => f.Contains(lapsed.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Single(stored);
        await BackdateAsync("visitors", "created_at", lapsed.Id, LongAgo);

        var run = await RunAsync("purge-retention");

        Assert.Equal(1, run.Affected);
        await Eventually.UntilAsync(() => Task.FromResult(!File.Exists(stored[0])), TimeSpan.FromSeconds(30), "the photo deleted through the outbox");
        Assert.False((await VisitorAsync(lapsed.Id)).HasPhoto);
        Assert.Equal(HttpStatusCode.NotFound, (await Data.Admin.GetAsync($"/api/visitors/{lapsed.Id}/photo")).StatusCode);
    }

    [Fact]
    public async Task PurgeRetention_LeavesAVisitorWhoIsOnSite()
    {
        var host = await Data.UserAsync("Host");
        var onSite = await Data.VisitorAsync("On Site");
        var visit = await Data.ApprovedVisitAsync(host.Id, onSite.Id);
        await Data.TransitionAsync(visit.Id, "check-in");
        await BackdateAsync("visitors", "last_visit_at", onSite.Id, LongAgo);
        await BackdateAsync("visitors", "created_at", onSite.Id, LongAgo);

        var run = await RunAsync("purge-retention");

        Assert.Equal(0, run.Affected);
        Assert.Equal("On Site", (await VisitorAsync(onSite.Id)).FullName);
        Assert.Equal("CheckedIn", (await VisitAsync(visit.Id)).Status);
    }

    [Fact]
    public async Task PurgeRetention_DoesNotCountAVisitorErasedBefore()
    {
        var erasedEarlier = await Data.VisitorAsync();
        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{erasedEarlier.Id}"), HttpStatusCode.NoContent);
        await BackdateAsync("visitors", "created_at", erasedEarlier.Id, LongAgo);

        var run = await RunAsync("purge-retention");

        Assert.Equal(0, run.Affected);
        Assert.Single(await AuditAsync(erasedEarlier.Id), a => a.Action == "visitor.erased");
    }

    private async Task<VisitorBody> VisitorAsync(Guid id) =>
        await (await Data.Admin.GetAsync($"/api/visitors/{id}")).ReadAsync<VisitorBody>(HttpStatusCode.OK);

    private async Task<VisitBody> VisitWithNotesAsync(Guid visitorId, Guid hostId, string notes)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId, hostId, purpose = "Meeting", notes });
        return await response.ReadAsync<VisitBody>(HttpStatusCode.Created);
    }
}
