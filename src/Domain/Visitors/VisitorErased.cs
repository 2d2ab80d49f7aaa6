using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visitors;

public sealed record VisitorErased(Guid VisitorId, string? PhotoKey, Guid? ActorId, DateTimeOffset OccurredAt) : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(Visitor);

    public override Guid EntityId => VisitorId;

    public override string Action => "visitor.erased";
}
