using System.Collections.Frozen;
using System.Reflection;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;

namespace CleanVisitors.Application.Common.Authorization;

/// <summary>
/// Who may send one request type, read from the one attribute it carries: <see cref="AuthorizeAttribute"/> (a signed-in
/// user; <see cref="Roles"/> null when every role may), <see cref="AllowAnonymousAttribute"/> or
/// <see cref="SystemOperationAttribute"/>.
/// </summary>
public sealed record RequestAccess(RequestCaller Caller, IReadOnlySet<UserRole>? Roles)
{
    /// <summary>What <paramref name="requestType"/> declares; null when it declares nothing, or more than one kind of caller.</summary>
    /// <exception cref="InvalidOperationException">Its <see cref="AuthorizeAttribute.Roles"/> name a role that does not exist.</exception>
    public static RequestAccess? Of(Type requestType)
    {
        var authorize = requestType.GetCustomAttribute<AuthorizeAttribute>(inherit: false);
        var anyone = requestType.IsDefined(typeof(AllowAnonymousAttribute), inherit: false);
        var system = requestType.IsDefined(typeof(SystemOperationAttribute), inherit: false);
        return (authorize, anyone, system) switch
        {
            (not null, false, false) => new RequestAccess(RequestCaller.User, ParseRoles(requestType, authorize.Roles)),
            (null, true, false) => new RequestAccess(RequestCaller.Anyone, null),
            (null, false, true) => new RequestAccess(RequestCaller.System, null),
            _ => null,
        };
    }

    /// <summary>
    /// Why <paramref name="caller"/> may not send the request, or null when it may: no user (nobody, or the system asking
    /// for a user's request) is <see cref="AuthorizationErrors.Unauthenticated"/>, a user of another role or a user asking
    /// for a system operation <see cref="AuthorizationErrors.Forbidden"/>.
    /// </summary>
    public Error? Refusal(ICurrentUser caller) => Caller switch
    {
        RequestCaller.Anyone => null,
        RequestCaller.System when caller.IsSystem => null,
        RequestCaller.System => caller.Id is null ? AuthorizationErrors.Unauthenticated : AuthorizationErrors.Forbidden,
        _ when caller.Id is null => AuthorizationErrors.Unauthenticated,
        _ when Roles is not null && (caller.Role is not { } role || !Roles.Contains(role)) => AuthorizationErrors.Forbidden,
        _ => null,
    };

    private static FrozenSet<UserRole>? ParseRoles(Type requestType, string? roles)
    {
        if (string.IsNullOrWhiteSpace(roles))
        {
            return null;
        }

        return roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Enum.GetValues<UserRole>().Any(role => role.ToString() == name)
                ? Enum.Parse<UserRole>(name)
                : throw new InvalidOperationException($"{requestType.Name} names the role '{name}', which does not exist."))
            .ToFrozenSet();
    }
}
