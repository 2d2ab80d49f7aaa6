using CleanVisitors.Domain.Users;

namespace CleanVisitors.Application.Common.Security;

/// <summary>Role names as they appear in tokens and <c>[Authorize(Roles = ...)]</c>.</summary>
public static class Roles
{
    public const string Admin = nameof(UserRole.Admin);
    public const string Receptionist = nameof(UserRole.Receptionist);
    public const string Host = nameof(UserRole.Host);
    public const string AdminOrReceptionist = Admin + "," + Receptionist;
    public const string AdminOrHost = Admin + "," + Host;
    public const string Any = Admin + "," + Receptionist + "," + Host;
}
