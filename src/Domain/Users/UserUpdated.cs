using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Users;

public sealed record UserUpdated(Guid UserId, string Changes, Guid? ActorId, DateTimeOffset OccurredAt) : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(User);

    public override Guid EntityId => UserId;

    public override string Action => "user.updated";

    public override string? Details => Changes;
}
