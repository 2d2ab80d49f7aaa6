using CleanVisitors.Domain.Users;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>What an access token is checked against on every request: is the user active, in which role, with which security stamp.</summary>
public sealed record UserState(bool IsActive, UserRole Role, Guid SecurityStamp);
