using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;

namespace CleanVisitors.Application.Visits;

/// <summary>A visit, with its visitor and host and the time of each step.</summary>
public sealed record VisitDto(
    Guid Id,
    Guid SiteId,
    VisitStatus Status,
    [property: MaxLength(Limits.PurposeMaxLength)] string Purpose,
    [property: MaxLength(Limits.NotesMaxLength)] string? Notes,
    DateTimeOffset? ExpectedAt,
    [property: MaxLength(BadgeCode.Length)] string BadgeCode,
    VisitVisitorDto Visitor,
    VisitHostDto Host,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? RejectedAt,
    [property: MaxLength(Limits.ReasonMaxLength)] string? RejectionReason,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? ExpiredAt);
