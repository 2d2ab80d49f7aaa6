using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;

namespace CleanVisitors.Application.Users;

/// <summary>A user of the service: front desk (Receptionist), host or Admin.</summary>
public sealed record UserDto(Guid Id, [property: MaxLength(Limits.EmailMaxLength)] string Email, [property: MaxLength(Limits.NameMaxLength)] string FullName, [property: MaxLength(Limits.PhoneMaxLength)] string? PhoneNumber, UserRole Role, bool IsActive, DateTimeOffset CreatedAt)
{
    public static readonly Expression<Func<User, UserDto>> Projection =
        u => new UserDto(u.Id, u.Email, u.FullName, u.PhoneNumber, u.Role, u.IsActive, u.CreatedAt);

    public static UserDto From(User u) => new(u.Id, u.Email, u.FullName, u.PhoneNumber, u.Role, u.IsActive, u.CreatedAt);
}

public static class UserErrors
{
    public static Domain.Common.Error NotFound(Guid id) => Domain.Common.Error.NotFound("user.not_found", $"User {id} was not found.");

    public static Domain.Common.Error EmailExists() =>
        Domain.Common.Error.Conflict("user.email_exists", "A user with this e-mail address already exists.");

    public static Domain.Common.Error LastAdmin() =>
        Domain.Common.Error.Conflict("user.last_admin", "This is the last active Admin; make another user Admin first.");
}
