namespace CleanVisitors.Application.Common.Authorization;

/// <summary>
/// Anyone may send this request, signed in or not: it carries its own credential (a password, a refresh token, an
/// approval link's token), which its handler checks.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AllowAnonymousAttribute : Attribute;
