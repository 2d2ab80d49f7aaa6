using System.Linq.Expressions;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary>
/// The visit jobs' loop: load up to <see cref="JobOptions.BatchSize"/> due visits, apply a domain method to each, save
/// (one transaction: the changes, their audit entries and outbox rows), and again until none is due. Each batch has a
/// fresh scope, so memory stays bounded however many rows are due. A batch that lost a race with a person's change
/// (concurrency token) is loaded again; a visit the domain refuses is left alone and not loaded again.
/// </summary>
public sealed class VisitBatches(IServiceScopeFactory scopes, IOptions<JobOptions> options)
{
    private const int MaxConflictsInARow = 5;

    public async Task<int> ApplyAsync(Expression<Func<Visit, bool>> due, Func<Visit, Result> change, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var refused = new List<Guid>();
        var affected = 0;
        var conflicts = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var batch = await db.Visits.Where(due).Where(v => !refused.Contains(v.Id))
                .OrderBy(v => v.CreatedAt).ThenBy(v => v.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return affected;
            }

            var changed = 0;
            foreach (var visit in batch)
            {
                if (change(visit).IsSuccess)
                {
                    changed++;
                }
                else
                {
                    refused.Add(visit.Id);
                }
            }

            var saved = await db.TrySaveChangesAsync(_ => VisitErrors.ConcurrentChange(Guid.Empty), cancellationToken);
            if (saved.IsFailure)
            {
                if (++conflicts >= MaxConflictsInARow)
                {
                    throw new InvalidOperationException($"A batch of visits conflicted with concurrent changes {conflicts} times in a row.");
                }

                continue;
            }

            conflicts = 0;
            affected += changed;
        }
    }
}
