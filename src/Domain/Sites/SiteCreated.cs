using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Sites;

public sealed record SiteCreated(Guid SiteId, Guid? ActorId, DateTimeOffset OccurredAt) : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(Site);

    public override Guid EntityId => SiteId;

    public override string Action => "site.created";
}
