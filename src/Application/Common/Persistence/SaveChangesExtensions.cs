using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Common.Persistence;

public static class SaveChangesExtensions
{
    /// <summary>
    /// Saves, turning the two failures a race can cause (a concurrency token mismatch, a unique index hit) into
    /// the conflict <paramref name="onConflict"/> names for the constraint (null for a concurrency conflict).
    /// </summary>
    public static async Task<Result> TrySaveChangesAsync(this IApplicationDbContext db, Func<string?, Error> onConflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
        catch (DbUpdateConcurrencyException)
        {
            return onConflict(null);
        }
        catch (UniqueConstraintViolationException ex)
        {
            return onConflict(ex.ConstraintName);
        }
    }
}
