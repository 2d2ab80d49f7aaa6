using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CleanVisitors.Api.Security;

/// <summary>
/// Judges every validly signed access token by the user's current state (API.md, Auth): a token whose user is gone or
/// deactivated, whose security stamp is older than the user's, or whose role is no longer the user's answers 401.
/// The state comes from <see cref="UserStates"/> (at most 5 s old on other instances, fresh on this one after a change; ADR 006).
/// </summary>
internal static class TokensFollowTheUser
{
    private static readonly object UnavailableKey = new();

    /// <summary>Middleware right after authentication: a database failure met while checking the token becomes the request's exception (503).</summary>
    public static Task RaiseDatabaseFailure(HttpContext context, RequestDelegate next)
    {
        if (context.Items.TryGetValue(UnavailableKey, out var failure) && failure is Exception ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
        }

        return next(context);
    }

    public static async Task OnTokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirst("sub")?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(AccessTokenClaims.Stamp)?.Value, out var stamp))
        {
            context.Fail("The token does not name a user and a security stamp.");
            return;
        }

        UserState? state;
        try
        {
            state = await context.HttpContext.RequestServices.GetRequiredService<UserStates>().GetAsync(userId, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            // The authentication handler would turn any exception into a 401, which tells a client to sign in again. The
            // database being down is a 503 like everywhere else: the exception is thrown again after authentication.
            context.HttpContext.Items[UnavailableKey] = ex;
            context.Fail("The user's state could not be read.");
            return;
        }

        if (state is null || !state.IsActive || state.SecurityStamp != stamp
            || !string.Equals(principal.FindFirst(AccessTokenClaims.Role)?.Value, state.Role.ToString(), StringComparison.Ordinal))
        {
            context.Fail("The token was issued before the user's rights or credentials changed.");
        }
    }
}
