using CleanVisitors.IntegrationTests.Infrastructure;

// Not "...IntegrationTests.Process" like the folder: a namespace of that name would hide System.Diagnostics.Process
// from every file under CleanVisitors.IntegrationTests.
namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>
/// The tests that start the API as a real process: one collection, so they never run in parallel with each other
/// (several processes starting, migrating and shutting down at once would make their timings meaningless).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "real process";
}

/// <summary>A real PostgreSQL database for one test class, given to the processes it starts as <c>DATABASE_URL</c>.</summary>
public sealed class ProcessDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>A keyword connection string (a valid <c>DATABASE_URL</c>) with a role allowed to create objects.</summary>
    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
