using CleanVisitors.Infrastructure.Persistence;
using Serilog.Events;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>The API started on an empty database of its own, with every log event captured from the first.</summary>
public sealed class FirstStartFactory : HardeningFactory
{
    protected override bool StartsOnAnEmptyDatabase => true;
}

/// <summary>An empty database is not an error (issue 8, finding 5).</summary>
public sealed class FirstStartTests(FirstStartFactory factory) : IClassFixture<FirstStartFactory>
{
    [Fact]
    public async Task FirstStart_OnAnEmptyDatabase_MigratesWithoutLoggingAnError()
    {
        var migrated = await factory.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("Applying {Count} pending database migrations", StringComparison.Ordinal));
        Assert.True(migrated.Properties["Count"] is ScalarValue { Value: int count } && count > 0);

        var errors = factory.Logs.Events.Where(e => e.Level >= LogEventLevel.Error).Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Empty(errors);
        Assert.True(await factory.ScalarAsync<long>($"SELECT count(*) FROM {CleanVisitorsDbContext.MigrationsHistoryTable}") > 0);
    }
}
