using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace CleanVisitors.UnitTests.Infrastructure;

public sealed class DatabaseConnectionTests
{
    private const string Url = "postgresql://app:secret@db.example:5432/visits";

    [Fact]
    public void Build_PreparesStatementsAndSkipsTheResetOfPooledConnections()
    {
        var settings = DatabaseConnection.Build(Configuration(("DATABASE_URL", Url)));

        Assert.Equal(DatabaseConnection.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public void Build_WaitsLongerThanASecondForANewConnection_AndKeepsTenWarm()
    {
        var settings = DatabaseConnection.Build(Configuration(("DATABASE_URL", Url)));

        Assert.Equal(5, settings.Timeout);
        Assert.Equal(10, settings.MinPoolSize);
        Assert.Equal(100, settings.MaxPoolSize);
    }

    [Fact]
    public void Build_WithPoolSettings_UsesThemAndNeverKeepsMoreWarmThanThePoolHolds()
    {
        var settings = DatabaseConnection.Build(Configuration(("DATABASE_URL", Url), ("DB_POOL_SIZE", "4"), ("DB_POOL_MIN_SIZE", "50")));

        Assert.Equal(4, settings.MaxPoolSize);
        Assert.Equal(4, settings.MinPoolSize);
    }

    [Fact]
    public void Build_WhenTheUrlSetsTimeoutsOrPreparation_KeepsThem()
    {
        var settings = DatabaseConnection.Build(Configuration(("DATABASE_URL", "Host=db;Username=app;Password=x;Timeout=2;Max Auto Prepare=0")));

        Assert.Equal(2, settings.Timeout);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }

    /// <summary>The options as the service binds them from its variables.</summary>
    private static DatabaseOptions Configuration(params (string Key, string Value)[] values) =>
        Settings.Normalize(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build())
            .Read<DatabaseOptions>();
}
