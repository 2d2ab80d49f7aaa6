using CleanVisitors.Domain.Visits;

namespace CleanVisitors.Application.Visits.Queries.ExportVisits;

public sealed record VisitExportRow(
    Guid Id,
    Guid SiteId,
    VisitStatus Status,
    string Purpose,
    string? VisitorName,
    string? VisitorPhone,
    string? VisitorCompany,
    string HostName,
    string BadgeCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt);
