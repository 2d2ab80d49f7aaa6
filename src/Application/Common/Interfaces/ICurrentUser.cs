using CleanVisitors.Domain.Users;

namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>Who is calling, as the access token says. Handlers behind <c>[Authorize]</c> may rely on <see cref="Id"/>.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }

    UserRole? Role { get; }

    /// <summary>The sign-in the access token belongs to (its refresh token family); null for tokens without one.</summary>
    Guid? SessionId { get; }

    /// <summary>The caller's id; only valid behind authorization.</summary>
    Guid RequiredId => Id ?? throw new InvalidOperationException("No authenticated user in this context.");
}
