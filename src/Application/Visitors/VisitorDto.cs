using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;

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
