using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.AuditLogs;

/// <summary>One audit entry, written in the same transaction as the change it records. Holds no personal data.</summary>
public sealed class AuditLog
{
    private AuditLog(Guid id, DateTimeOffset at, Guid? userId, string action, string entityType, Guid entityId, string? details)
    {
        Id = id;
        At = at;
        UserId = userId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Details = details;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? UserId { get; private set; }

    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public Guid EntityId { get; private set; }

    public string? Details { get; private set; }

    public static AuditLog From(DomainEvent domainEvent) =>
        new(domainEvent.EventId, domainEvent.OccurredAt, domainEvent.ActorId, domainEvent.Action, domainEvent.EntityType,
            domainEvent.EntityId, domainEvent.Details);
}
