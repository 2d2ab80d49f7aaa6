using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Users;

public sealed record UserCreated(Guid UserId, UserRole Role, Guid? ActorId, DateTimeOffset OccurredAt) : DomainEvent(ActorId, OccurredAt)
{
    public override string EntityType => nameof(User);

    public override Guid EntityId => UserId;

    public override string Action => "user.created";

    public override string? Details => $"role:{Role}";
}
