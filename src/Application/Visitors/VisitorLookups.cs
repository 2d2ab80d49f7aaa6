using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors;

internal static class VisitorLookups
{
    /// <summary>The conflict for a phone number that another visitor holds, with that visitor's id.</summary>
    public static async Task<Error?> PhoneNumberTakenAsync(this IApplicationDbContext db, string phoneNumber, Guid? exceptId, CancellationToken cancellationToken)
    {
        var existingId = await db.Visitors.AsNoTracking()
            .Where(v => v.PhoneNumber == phoneNumber && v.Id != exceptId)
            .Select(v => (Guid?)v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return existingId is { } id ? VisitorErrors.PhoneNumberExists(id) : null;
    }
}
