using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Application.Auth.Commands.Login;
using CleanVisitors.Application.Auth.Queries.GetMe;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.Controllers;

[Route("api/auth")]
public sealed class AuthController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Signs in with e-mail and password; answers a bearer access token.</summary>
    /// <remarks>Strictly rate limited: <c>AUTH_RATE_LIMIT_MAX_REQUESTS</c> per minute per IP and per e-mail.</remarks>
    [HttpPost("login")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimitingSetup.StrictPolicy)]
    [Consumes("application/json")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<IActionResult> Login(LoginCommand command, [FromServices] LoginThrottle throttle, CancellationToken cancellationToken)
    {
        if (throttle.TryAcquire(command.Email) is { } retryAfter)
        {
            await RateLimitingSetup.WriteTooManyRequestsAsync(HttpContext, retryAfter, cancellationToken);
            return new EmptyResult();
        }

        return Answer(await Sender.Send(command, cancellationToken));
    }

    /// <summary>The signed-in user.</summary>
    [HttpGet("me")]
    [ProducesResponseType<MeDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Me(CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetMeQuery(), cancellationToken));
}
