using CleanVisitors.Application.Auth.Commands.Login;
using CleanVisitors.Application.Auth.Queries.GetMe;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Controllers;

[Route("api/auth")]
public sealed class AuthController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Signs in with e-mail and password; answers a bearer access token.</summary>
    [HttpPost("login")]
    [AllowAnonymous]
    [Consumes("application/json")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<IActionResult> Login(LoginCommand command, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(command, cancellationToken));

    /// <summary>The signed-in user.</summary>
    [HttpGet("me")]
    [ProducesResponseType<MeDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Me(CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetMeQuery(), cancellationToken));
}
