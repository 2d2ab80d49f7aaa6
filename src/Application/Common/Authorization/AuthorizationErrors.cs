using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Common.Authorization;

/// <summary>
/// A request refused for who sent it: the same code and sentence as the 401 and 403 the HTTP pipeline answers itself
/// (the Api's problems for those statuses take their sentences from here), so a client cannot tell where it was refused.
/// </summary>
public static class AuthorizationErrors
{
    public static readonly Error Unauthenticated =
        Error.Unauthorized("auth.unauthenticated", "Sign in: a valid bearer token is required (POST /api/auth/login).");

    public static readonly Error Forbidden = Error.Forbidden("auth.forbidden", "Your role is not allowed to do this.");
}
