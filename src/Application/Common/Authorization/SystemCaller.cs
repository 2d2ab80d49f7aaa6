namespace CleanVisitors.Application.Common.Authorization;

/// <summary>
/// Says that a service scope is the service's own work, not a user's: a message consumer's (marked by the bus for every
/// message) or the in-process scheduler's (<see cref="SystemScopes.CreateSystemScope"/>). Requests sent in it are sent by
/// the system (<see cref="Interfaces.ICurrentUser.IsSystem"/>), which may send <see cref="SystemOperationAttribute"/>
/// requests and no other. A scope is the system's only when its creator says so: a scope nobody marked is nobody's, and
/// every request but an anonymous one is refused in it.
/// </summary>
public sealed class SystemCaller
{
    public bool IsActive { get; private set; }

    /// <summary>Marks the scope as the system's, for good: a scope does not change hands.</summary>
    public void Enter() => IsActive = true;
}
