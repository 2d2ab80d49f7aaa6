using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Visitors.Commands.EraseVisitor;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary>
/// <c>purge-retention</c>: erases the personal data of every visitor with no visit (last visit, else registration) in
/// the retention period, through <see cref="VisitorEraser"/> as the erasure endpoint does: their visits stay,
/// anonymised. Visitors are selected in batches; each erasure is its own transaction (the eraser's unit). A visitor on
/// site is not due (auto-checkout comes first); one the eraser refuses is left alone and not selected again.
/// </summary>
public sealed partial class PurgeRetentionJob(IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider time, ILogger<PurgeRetentionJob> logger)
    : IScheduledJob
{
    public string Name => "purge-retention";

    public JobCadence Cadence => JobCadence.DailyUtc;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var refused = new List<Guid>();
        var erased = 0;
        while (true)
        {
            List<DueVisitor> batch;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
                batch = await db.Visitors.AsNoTracking()
                    .Where(p => !p.IsErased && (p.LastVisitAt < cutoff || (p.LastVisitAt == null && p.CreatedAt < cutoff)))
                    .Where(p => !db.Visits.Any(v => v.VisitorId == p.Id && v.Status == VisitStatus.CheckedIn))
                    .Where(p => !refused.Contains(p.Id))
                    .OrderBy(p => p.Id).Take(options.Value.BatchSize)
                    .Select(p => new DueVisitor(p.Id)).ToListAsync(cancellationToken);
            }

            if (batch.Count == 0)
            {
                return erased;
            }

            foreach (var visitor in batch)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
                var result = await VisitorEraser.EraseAsync(db, visitor.Id, null, now, cancellationToken);
                if (result.IsFailure)
                {
                    LogNotErased(logger, visitor.Id, result.Error.Code);
                    refused.Add(visitor.Id);
                    continue;
                }

                erased++;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not erase visitor {VisitorId}: {ErrorCode}")]
    private static partial void LogNotErased(ILogger logger, Guid visitorId, string errorCode);


    private sealed record DueVisitor(Guid Id);
}
