using System.Net;
using System.Text.Json;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>A database of its own: the test removes and restores rows of the migrations history.</summary>
public sealed class ReadinessMigrationsFactory : ApiFactory
{
    public ReadinessMigrationsFactory() => Settings["HEALTH_DETAILED_PUBLIC"] = "true";
}

/// <summary>
/// Readiness asks the migrations history with plain queries (no EF Core at start-up, issue 7): it fails while any of this
/// build's migrations is missing from the database, whichever it is, and recovers when it is there again.
/// </summary>
public sealed class ReadinessMigrationsTests(ReadinessMigrationsFactory factory) : IClassFixture<ReadinessMigrationsFactory>
{
    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Ready_WithAMigrationMissingFromTheHistory_Is503_AndRecovers(string whichEnd)
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var history = CleanVisitorsDbContext.MigrationsHistoryTable;
        var id = await factory.ScalarAsync<string>($"SELECT migration_id FROM \"{history}\" ORDER BY migration_id {whichEnd} LIMIT 1");
        var version = await factory.ScalarAsync<string>($"SELECT product_version FROM \"{history}\" WHERE migration_id = @id", ("id", id));

        Assert.Equal(1, await factory.ExecuteAsync($"DELETE FROM \"{history}\" WHERE migration_id = @id", ("id", id)));
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            using var detailedResponse = await client.GetAsync("/health/detailed");
            using var detailed = JsonDocument.Parse(await detailedResponse.Content.ReadAsStringAsync());
            var migrations = detailed.RootElement.GetProperty("entries").GetProperty("migrations");
            Assert.Equal("Unhealthy", migrations.GetProperty("status").GetString());
            Assert.Equal("1 migrations are not applied yet.", migrations.GetProperty("description").GetString());
        }
        finally
        {
            Assert.Equal(1, await factory.ExecuteAsync($"INSERT INTO \"{history}\" (migration_id, product_version) VALUES (@id, @version)", ("id", id), ("version", version)));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
