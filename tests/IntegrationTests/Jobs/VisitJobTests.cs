using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Jobs;

/// <summary>expire-pending, mark-no-shows and auto-checkout: exactly the due visits change, through the domain's transitions.</summary>
public sealed class VisitJobTests(CronApiFactory factory) : CronTest(factory)
{
    [Fact]
    public async Task ExpirePending_ExpiresVisitsPendingLongerThanTheTimeout_AuditedWithoutAUser()
    {
        var host = await Data.UserAsync("Host");
        var due1 = await Data.PendingVisitAsync(host.Id);
        var due2 = await Data.PendingVisitAsync(host.Id);
        var recent = await Data.PendingVisitAsync(host.Id);
        var approved = await Data.ApprovedVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", due1.Id, TimeSpan.FromMinutes(61));
        await BackdateAsync("visits", "created_at", due2.Id, TimeSpan.FromDays(2));
        await BackdateAsync("visits", "created_at", recent.Id, TimeSpan.FromMinutes(59));
        await BackdateAsync("visits", "created_at", approved.Id, TimeSpan.FromDays(2));
        var before = DateTimeOffset.UtcNow;

        var run = await RunAsync("expire-pending");

        Assert.Equal(2, run.Affected);
        foreach (var id in new[] { due1.Id, due2.Id })
        {
            var visit = await VisitAsync(id);
            Assert.Equal("Expired", visit.Status);
            Assert.NotNull(visit.ExpiredAt);
            Assert.True(visit.ExpiredAt >= before.AddSeconds(-1));
            var expired = Assert.Single(await AuditAsync(id), a => a.Action == "visit.expired");
            Assert.Null(expired.UserId);
            Assert.Equal("PendingApproval->Expired", expired.Details);
        }

        Assert.Equal("PendingApproval", (await VisitAsync(recent.Id)).Status);
        Assert.Equal("Approved", (await VisitAsync(approved.Id)).Status);
        Assert.DoesNotContain(await AuditAsync(recent.Id), a => a.Action == "visit.expired");
    }

    [Fact]
    public async Task ExpirePending_RunTwice_SecondRunAffectsNothing()
    {
        var host = await Data.UserAsync("Host");
        var due = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "created_at", due.Id, TimeSpan.FromHours(2));

        var first = await RunAsync("expire-pending");
        var second = await RunAsync("expire-pending");

        Assert.Equal(1, first.Affected);
        Assert.Equal(0, second.Affected);
        Assert.Single(await AuditAsync(due.Id), a => a.Action == "visit.expired");
    }

    [Fact]
    public async Task ExpirePending_With450DueVisits_HandlesAllInOneRunInTransactionsOf200()
    {
        var host = await Data.UserAsync("Host");
        var inserted = await ExecuteAsync("""
            WITH people AS (
                INSERT INTO visitors (id, full_name, phone_number, is_blocked, is_erased, created_at, updated_at)
                SELECT gen_random_uuid(), 'Bulk Visitor ' || n, '+4917' || lpad(n::text, 9, '0'), false, false, now(), now()
                FROM generate_series(1, 450) AS n
                RETURNING id)
            INSERT INTO visits (id, site_id, visitor_id, host_id, status, purpose, badge_code, created_by_id, created_at)
            SELECT gen_random_uuid(), (SELECT id FROM sites WHERE is_default), people.id, @host, 'PendingApproval', 'Bulk',
                   upper(substr(md5(random()::text), 1, 8)), @host, now() - interval '2 hours'
            FROM people
            """, ("host", host.Id));
        Assert.Equal(450, inserted);

        var run = await RunAsync("expire-pending");

        Assert.Equal(450, run.Affected);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM visits WHERE status = 'PendingApproval'"));
        Assert.Equal(450L, await ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE action = 'visit.expired' AND user_id IS NULL"));
        // Rows written by one transaction share its id (xmin): 200 + 200 + 50 make three transactions.
        Assert.Equal(3L, await ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM visits WHERE status = 'Expired'"));
        Assert.Equal(0, (await RunAsync("expire-pending")).Affected);
    }

    [Fact]
    public async Task MarkNoShows_ExpiresApprovedVisitsPastTheExpectedTimePlusGrace()
    {
        var host = await Data.UserAsync("Host");
        var noShow = await Data.ApprovedVisitAsync(host.Id);
        var withinGrace = await Data.ApprovedVisitAsync(host.Id);
        var upcoming = await Data.ApprovedVisitAsync(host.Id);
        var walkInNeverArrived = await Data.ApprovedVisitAsync(host.Id);
        var walkInJustApproved = await Data.ApprovedVisitAsync(host.Id);
        var pending = await Data.PendingVisitAsync(host.Id);
        await BackdateAsync("visits", "expected_at", noShow.Id, TimeSpan.FromMinutes(121));
        await BackdateAsync("visits", "expected_at", withinGrace.Id, TimeSpan.FromMinutes(119));
        await BackdateAsync("visits", "expected_at", upcoming.Id, TimeSpan.FromHours(-5));
        await BackdateAsync("visits", "approved_at", walkInNeverArrived.Id, TimeSpan.FromHours(3));
        await BackdateAsync("visits", "expected_at", pending.Id, TimeSpan.FromHours(5));

        var run = await RunAsync("mark-no-shows");

        Assert.Equal(2, run.Affected);
        Assert.Equal("Expired", (await VisitAsync(noShow.Id)).Status);
        Assert.Equal("Expired", (await VisitAsync(walkInNeverArrived.Id)).Status);
        Assert.Equal("Approved", (await VisitAsync(withinGrace.Id)).Status);
        Assert.Equal("Approved", (await VisitAsync(upcoming.Id)).Status);
        Assert.Equal("Approved", (await VisitAsync(walkInJustApproved.Id)).Status);
        Assert.Equal("PendingApproval", (await VisitAsync(pending.Id)).Status);
        var expired = Assert.Single(await AuditAsync(noShow.Id), a => a.Action == "visit.expired");
        Assert.Null(expired.UserId);
        Assert.Equal("Approved->Expired", expired.Details);
        Assert.Equal(0, (await RunAsync("mark-no-shows")).Affected);
    }

    [Fact]
    public async Task AutoCheckout_ChecksOutVisitsCheckedInLongerThanTheMaximum_AuditedWithoutAUser()
    {
        var host = await Data.UserAsync("Host");
        var overdue = await CheckedInVisitAsync(host.Id);
        var onSite = await CheckedInVisitAsync(host.Id);
        var approved = await Data.ApprovedVisitAsync(host.Id);
        await BackdateAsync("visits", "checked_in_at", overdue.Id, TimeSpan.FromHours(13));
        await BackdateAsync("visits", "checked_in_at", onSite.Id, TimeSpan.FromHours(11));

        var run = await RunAsync("auto-checkout");

        Assert.Equal(1, run.Affected);
        var checkedOut = await VisitAsync(overdue.Id);
        Assert.Equal("CheckedOut", checkedOut.Status);
        Assert.NotNull(checkedOut.CheckedOutAt);
        var audit = Assert.Single(await AuditAsync(overdue.Id), a => a.Action == "visit.checked_out");
        Assert.Null(audit.UserId);
        Assert.Equal("CheckedIn", (await VisitAsync(onSite.Id)).Status);
        Assert.Equal("Approved", (await VisitAsync(approved.Id)).Status);
        Assert.Equal(0, (await RunAsync("auto-checkout")).Affected);
    }

    private async Task<VisitBody> CheckedInVisitAsync(Guid hostId)
    {
        var visit = await Data.ApprovedVisitAsync(hostId);
        return await Data.TransitionAsync(visit.Id, "check-in");
    }
}
