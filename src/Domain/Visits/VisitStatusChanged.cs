using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visits;

public sealed record VisitStatusChanged(Guid VisitId, VisitStatus From, VisitStatus To, Guid? ActorId, DateTimeOffset OccurredAt)
    : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(Visit);

    public override Guid EntityId => VisitId;

    public override string Action => To switch
    {
        VisitStatus.Approved => "visit.approved",
        VisitStatus.Rejected => "visit.rejected",
        VisitStatus.CheckedIn => "visit.checked_in",
        VisitStatus.CheckedOut => "visit.checked_out",
        VisitStatus.Cancelled => "visit.cancelled",
        VisitStatus.Expired => "visit.expired",
        _ => "visit.status_changed",
    };

    public override string? Details => $"{From}->{To}";
}
