using System.Net;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.IntegrationTests.Visitors;

/// <summary>
/// A visitor carries a concurrency token (issue 8 review): a change prepared from a copy read before an erasure (a
/// photo upload, a Host's invitation touching the visitor) cannot land on the erased record.
/// </summary>
public sealed class VisitorVersionTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ChangeFromACopyReadBeforeTheErasure_IsRefused_AndTheRecordStaysErased()
    {
        var created = await Data.VisitorAsync("Raced Visitor");
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>();
        var stale = await db.Visitors.SingleAsync(v => v.Id == created.Id);

        await TestData.Expect(await Data.Admin.DeleteAsync($"/api/visitors/{created.Id}"), HttpStatusCode.NoContent);
        Assert.True(stale.SetPhoto("visitors/raced/photo.jpg", created.Id, DateTimeOffset.UtcNow).IsSuccess); // the stale copy knows no erasure

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        var after = await (await Data.Admin.GetAsync($"/api/visitors/{created.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("\"isErased\":true", after, StringComparison.Ordinal);
        Assert.Contains("\"hasPhoto\":false", after, StringComparison.Ordinal);
    }
}
