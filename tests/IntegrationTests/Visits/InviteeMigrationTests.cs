using System.Net;
using System.Net.Http.Json;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>A database of its own: the test migrates it down and up again.</summary>
public sealed class InviteeMigrationFactory : ApiFactory;

/// <summary>
/// The migration that brings in the invitee columns (issue 8, finding 2) applies the contract's rules to rows written
/// before it: a Host keeps seeing the visitor they were shown until then, and earlier erasures lose the purpose and the
/// notification number too (API.md, purge-retention).
/// </summary>
public sealed class InviteeMigrationTests(InviteeMigrationFactory factory) : ApiTest(factory), IClassFixture<InviteeMigrationFactory>
{
    private const string Before = "20261201140456_AddRefreshTokens";

    [Fact]
    public async Task Migration_BackfillsInvitationsAndErasuresMadeBeforeIt()
    {
        var stored = await (await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = "Stored Name", phoneNumber = TestData.PhoneNumber(), company = "Stored Co" }))
            .ReadAsync<VisitorBody>(HttpStatusCode.Created);
        var (_, hostClient) = await Data.SignedInAsync("Host");
        var invitation = await (await TestData.InviteAsync(hostClient, stored.PhoneNumber!, "Sent Name")).ReadAsync<VisitBody>(HttpStatusCode.Created);

        var host = await Data.UserAsync("Host");
        var erased = await Data.VisitorAsync("Erased Person");
        var visit = await Data.PendingVisitAsync(host.Id, erased.Id, purpose: "Interview with Erased Person");
        await Data.TransitionAsync(visit.Id, "approve");
        await Data.TransitionAsync(visit.Id, "cancel");
        await Eventually.UntilAsync(() => Data.Admin.NotificationsAsync(visit.Id), list => list.Any(n => n.Kind == "Approved"), TimeSpan.FromSeconds(30), list => $"{list.Count} records");
        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{erased.Id}"), HttpStatusCode.NoContent);

        // The database as the release before this one left it: no invitee columns, an erasure that kept the purpose and
        // the number's first and last digits.
        await MigrateAsync(Before);
        Assert.Equal(1, await Factory.ExecuteAsync("UPDATE visits SET purpose = 'Interview with Erased Person' WHERE id = @id", ("id", visit.Id)));
        Assert.Equal(1, await Factory.ExecuteAsync("UPDATE notifications SET recipient = '+49*******123' WHERE recipient_id = @id", ("id", erased.Id)));
        await MigrateAsync(null);

        var seenByHost = await (await hostClient.GetAsync($"/api/visits/{invitation.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK);
        Assert.Equal(new VisitVisitorBody(null, "Stored Name", stored.PhoneNumber, "Stored Co"), seenByHost.Visitor);
        Assert.Equal("(erased)", (await (await Data.Admin.GetAsync($"/api/visits/{visit.Id}")).ReadAsync<VisitBody>(HttpStatusCode.OK)).Purpose);
        Assert.Equal("***", (await Data.Admin.NotificationsAsync(visit.Id)).Single(n => n.Kind == "Approved").Recipient);
        Assert.NotEqual("***", (await Data.Admin.NotificationsAsync(visit.Id)).Single(n => n.Kind == "ApprovalRequested").Recipient);
    }

    private async Task MigrateAsync(string? target)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>();
        await db.GetService<IMigrator>().MigrateAsync(target);
    }
}
