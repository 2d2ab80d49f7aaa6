using CleanVisitors.Api.Http;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Application.Auth.Commands.ChangePassword;
using CleanVisitors.Application.Auth.Commands.Login;
using CleanVisitors.Application.Auth.Commands.Logout;
using CleanVisitors.Application.Auth.Commands.Refresh;
using CleanVisitors.Application.Auth.Queries.GetMe;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.Auth;

[Route("api/auth")]
public sealed class AuthController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Sign in</summary>
    /// <remarks>Signs in with e-mail and password and answers a bearer access token and a refresh token. Strictly rate limited: <c>AUTH_RATE_LIMIT_MAX_REQUESTS</c> per minute per IP and per e-mail.</remarks>
    /// <param name="command">The credentials.</param>
    [HttpPost("login", Name = "login")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<IActionResult> Login(LoginCommand command, [FromServices] LoginThrottle throttle, [FromServices] ApiMetrics metrics, CancellationToken cancellationToken)
    {
        if (await throttle.TryAcquireAsync(command.Email, cancellationToken) is { } retryAfter)
        {
            metrics.Rejected(LoginThrottle.PolicyName);
            await RateLimitingSetup.WriteTooManyRequestsAsync(HttpContext, retryAfter, cancellationToken);
            return new EmptyResult();
        }

        return Answer(await Sender.Send(command, cancellationToken));
    }

    /// <summary>Refresh the tokens</summary>
    /// <remarks>Exchanges a refresh token for a new access token and a new refresh token; the one sent is spent. A spent, expired or revoked refresh token is 401, and presenting a spent one again revokes every token of its sign-in. Strictly rate limited, like login.</remarks>
    /// <param name="command">The refresh token to spend.</param>
    [HttpPost("refresh", Name = "refreshToken")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<IActionResult> Refresh(RefreshCommand command, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(command, cancellationToken));

    /// <summary>Sign out</summary>
    /// <remarks>Ends the sign-in the refresh token belongs to: its refresh tokens are revoked.</remarks>
    /// <param name="command">The refresh token of the sign-in to end.</param>
    [HttpPost("logout", Name = "logout")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Logout(LogoutCommand command, CancellationToken cancellationToken) =>
        AnswerNoContent(await Sender.Send(command, cancellationToken));

    /// <summary>Change one's password</summary>
    /// <remarks>Changes the caller's password; every other sign-in of the user ends. Access tokens issued before stop working, this one's included: refresh with this sign-in's refresh token, which carries over. A wrong current password is 400. Strictly rate limited, like login.</remarks>
    /// <param name="command">The current password and the new one.</param>
    [HttpPost("password", Name = "changePassword")]
    [EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ChangePassword(ChangePasswordCommand command, CancellationToken cancellationToken) =>
        AnswerNoContent(await Sender.Send(command, cancellationToken));

    /// <summary>Get the signed-in user</summary>
    /// <remarks>The user the access token belongs to.</remarks>
    [HttpGet("me", Name = "getCurrentUser")]
    [ProducesResponseType<MeDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Me(CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetMeQuery(), cancellationToken));
}
