namespace CleanVisitors.Domain.Common;

/// <summary>Base of every entity: a time-ordered id and the domain events it raised since it was loaded.</summary>
public abstract class Entity
{
    private readonly List<DomainEvent> _domainEvents = [];

    protected Entity(Guid id) => Id = id;

    public Guid Id { get; private set; }

    public IReadOnlyList<DomainEvent> DomainEvents => _domainEvents;

    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void Raise(DomainEvent domainEvent) => _domainEvents.Add(domainEvent);
}
