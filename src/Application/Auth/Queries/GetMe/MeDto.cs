using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;

namespace CleanVisitors.Application.Auth.Queries.GetMe;

/// <summary>The signed-in user.</summary>
public sealed record MeDto(Guid Id, [property: MaxLength(Limits.EmailMaxLength)] string Email, [property: MaxLength(Limits.NameMaxLength)] string FullName, [property: MaxLength(Limits.PhoneMaxLength)] string? PhoneNumber, UserRole Role);
