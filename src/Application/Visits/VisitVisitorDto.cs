using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Visits;

/// <summary>
/// The visit's visitor. <c>id</c> is null when a Host looks at their own invitation: they are shown the visitor as they
/// gave them, never the stored one (VisitQueries.ToDtos); the personal fields are null once the visitor is erased.
/// </summary>
public sealed record VisitVisitorDto(Guid? Id, [property: MaxLength(Limits.NameMaxLength)] string? FullName, [property: MaxLength(Limits.PhoneMaxLength)] string? PhoneNumber, [property: MaxLength(Limits.CompanyMaxLength)] string? Company);
