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
                    .Select(p => new DueVisitor(p.Id, p.PhotoKey)).ToListAsync(cancellationToken);
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
                    LogNotErased(logger, visitor.Id, result.Error!.Code);
                    refused.Add(visitor.Id);
                    continue;
                }

                erased++;
                if (visitor.PhotoKey is not null)
                {
                    DeleteErasedVisitorPhoto(visitor.Id);
                }
            }
        }
    }

    /// <summary>
    /// PHOTO DELETION HOOK. An erased visitor's photo must go too (issue 4 §6). This branch has no blob store yet: visitor
    /// photos (and their <c>IBlobStore</c> port) arrive separately. When they do, delete the blob here (after the erasure
    /// committed), or better in <see cref="VisitorEraser"/> so the erasure endpoint deletes it as well, and remove this
    /// method. Until then the photo key is cleared from the row and the blob is left in storage, which is logged.
    /// </summary>
    private void DeleteErasedVisitorPhoto(Guid visitorId) => LogPhotoLeft(logger, visitorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not erase visitor {VisitorId}: {ErrorCode}")]
    private static partial void LogNotErased(ILogger logger, Guid visitorId, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention erased visitor {VisitorId}; their photo was left in storage (no blob store wired to delete it)")]
    private static partial void LogPhotoLeft(ILogger logger, Guid visitorId);

    private sealed record DueVisitor(Guid Id, string? PhotoKey);
}
