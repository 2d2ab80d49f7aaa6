using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors;

/// <summary>A visitor of the directory; after erasure every personal field is null and <c>isErased</c> is true.</summary>
public sealed record VisitorDto(
    Guid Id,
    [property: MaxLength(Limits.NameMaxLength)] string? FullName,
    [property: MaxLength(Limits.PhoneMaxLength)] string? PhoneNumber,
    [property: MaxLength(Limits.EmailMaxLength)] string? Email,
    [property: MaxLength(Limits.CompanyMaxLength)] string? Company,
    bool IsBlocked,
    [property: MaxLength(Limits.ReasonMaxLength)] string? BlockReason,
    bool HasPhoto,
    bool IsErased,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastVisitAt)
{
    public static readonly Expression<Func<Visitor, VisitorDto>> Projection = v => new VisitorDto(
        v.Id, v.FullName, v.PhoneNumber, v.Email, v.Company, v.IsBlocked, v.BlockReason, v.PhotoKey != null, v.IsErased, v.CreatedAt, v.LastVisitAt);

    public static VisitorDto From(Visitor v) =>
        new(v.Id, v.FullName, v.PhoneNumber, v.Email, v.Company, v.IsBlocked, v.BlockReason, v.PhotoKey != null, v.IsErased, v.CreatedAt, v.LastVisitAt);
}

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
