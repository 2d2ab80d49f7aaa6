using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.AuditLogs.Queries.ListAuditLogs;

/// <summary>One audit entry: who (<c>userId</c>, null for the system) did what (<c>action</c>) to which entity, when.</summary>
public sealed record AuditLogDto(Guid Id, DateTimeOffset At, Guid? UserId, [property: MaxLength(Limits.AuditActionMaxLength)] string Action, [property: MaxLength(Limits.AuditEntityTypeMaxLength)] string EntityType, Guid EntityId, [property: MaxLength(Limits.AuditDetailsMaxLength)] string? Details);
