using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Users.Commands.UpdateUser;
using CleanVisitors.Domain.Users;

namespace CleanVisitors.Api.Users;

/// <summary>A partial update: omitted or null fields keep their value.</summary>
[ValidatedAs(typeof(UpdateUserCommand))]
public sealed record UpdateUserRequest(string? FullName, string? PhoneNumber, UserRole? Role, bool? IsActive);
