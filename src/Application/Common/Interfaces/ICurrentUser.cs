using CleanVisitors.Domain.Users;

namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// Who is calling: a user, as the access token says; the service itself (<see cref="IsSystem"/>); or nobody. Handlers of
/// <c>[Authorize]</c> requests may rely on <see cref="Id"/>: <c>AuthorizationBehavior</c> let only a user through.
/// </summary>
public interface ICurrentUser
{
    Guid? Id { get; }

    UserRole? Role { get; }

    /// <summary>The sign-in the access token belongs to (its refresh token family); null for tokens without one.</summary>
    Guid? SessionId { get; }

    /// <summary>
    /// True when the service itself is the caller, not a user: a message consumer, the in-process scheduler (a scope
    /// marked by <c>SystemCaller</c>) or an external scheduler signed in with the cron secret. It has no <see cref="Id"/>.
    /// </summary>
    bool IsSystem { get; }

    /// <summary>The caller's id; only valid behind authorization.</summary>
    Guid RequiredId => Id ?? throw new InvalidOperationException("No authenticated user in this context.");
}
