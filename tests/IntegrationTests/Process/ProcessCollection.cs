using CleanVisitors.IntegrationTests.Infrastructure;

// Not "...IntegrationTests.Process" like the folder: a namespace of that name would hide System.Diagnostics.Process
// from every file under CleanVisitors.IntegrationTests.
namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>
/// The real-process tests that measure time or share the broker's virtual host (load shedding, graceful shutdown, the
/// scale-out cluster, crash recovery, the scheduler's ticks), and every messaging test (they share the virtual host,
/// and the outage tests stop the broker): one collection, so they never run in parallel with each other (several
/// processes starting, migrating and shutting down at once would make their timings meaningless, consumers of one queue
/// in two hosts would take each other's messages, and a stopped broker would fail whoever else used it). The real-process tests that measure
/// nothing and use no broker (configuration validation, logging, Kestrel's input limits, the client generators, the
/// browser) are collections of their own, run in parallel with the rest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "real process";
}

/// <summary>
/// A real PostgreSQL database for one test class, given to the processes it starts as <c>DATABASE_URL</c>: migrated
/// already (a copy of the run's template), so a process starts without applying every migration first; see
/// <see cref="EmptyProcessDatabase"/> for the tests of a first start.
/// </summary>
public class ProcessDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>A keyword connection string (a valid <c>DATABASE_URL</c>) with a role allowed to create objects.</summary>
    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>True: an empty database, which the first process to start migrates.</summary>
    protected virtual bool Empty => false;

    public async Task InitializeAsync() => _database = Empty ? await TestDatabase.CreateAsync() : await TestDatabase.CreateMigratedAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// An empty database: the processes started on it apply the migrations themselves (and take turns doing so), as the
/// role they connect with (SecretsInLogsTests' own login role could not use tables the template's owner made).
/// </summary>
public sealed class EmptyProcessDatabase : ProcessDatabase
{
    protected override bool Empty => true;
}
