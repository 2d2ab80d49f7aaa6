using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// EF Core's first use (its services, the model, the query pipeline: ~0.6 s of CPU) on a pool thread while start-up goes
/// on: started once the database answers (<see cref="DatabaseInitializer.InitializeAsync"/>), it runs on the core the
/// rest of start-up leaves idle, and neither start-up nor readiness waits for it (both ask the database with plain
/// queries). The first requests find it done. A failure costs nothing but that head start.
/// </summary>
internal static partial class DatabaseWarmUp
{
    /// <summary>Builds EF Core's services and model now, and runs a first query once <paramref name="schemaReady"/> completes.</summary>
    public static void Start(IServiceProvider services, Task schemaReady, CancellationToken cancellationToken) =>
        _ = Task.Run(() => WarmAsync(services, schemaReady, cancellationToken), cancellationToken);

    private static async Task WarmAsync(IServiceProvider services, Task schemaReady, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CleanVisitorsDbContext>();
            _ = db.Model;
            // On a first start the tables do not exist until the migrations ran: a query before would fail (and log).
            await schemaReady.WaitAsync(cancellationToken);
            await db.Sites.AsNoTracking().AnyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseWarmUp)), ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "EF Core warm-up skipped: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
