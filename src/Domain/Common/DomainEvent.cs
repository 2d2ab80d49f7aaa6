namespace CleanVisitors.Domain.Common;

/// <summary>
/// Something that happened to an aggregate. Every event is also an audit entry: it names the entity, the
/// action and the actor (null for the system), and carries details that hold no personal data.
/// </summary>
public abstract record DomainEvent(Guid? ActorId, DateTimeOffset OccurredAt)
{
    public Guid EventId { get; init; } = Guid.CreateVersion7(OccurredAt);

    public abstract string EntityType { get; }

    public abstract Guid EntityId { get; }

    public abstract string Action { get; }

    public virtual string? Details => null;
}
