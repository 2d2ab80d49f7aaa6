using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visitors;

public sealed record VisitorChanged(Guid VisitorId, string ActionName, string? Change, Guid? ActorId, DateTimeOffset OccurredAt)
    : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(Visitor);

    public override Guid EntityId => VisitorId;

    public override string Action => ActionName;

    public override string? Details => Change;
}
