using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Visits;

/// <summary>The host of a visit.</summary>
public sealed record VisitHostDto(Guid Id, [property: MaxLength(Limits.NameMaxLength)] string FullName);
