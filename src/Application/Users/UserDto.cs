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
