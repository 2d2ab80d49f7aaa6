using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visits;

public sealed record VisitCreated(Guid VisitId, VisitStatus Status, Guid HostId, Guid VisitorId, Guid? ActorId, DateTimeOffset OccurredAt)
    : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(Visit);

    public override Guid EntityId => VisitId;

    public override string Action => "visit.created";

    public override string? Details => $"status:{Status}";
}
