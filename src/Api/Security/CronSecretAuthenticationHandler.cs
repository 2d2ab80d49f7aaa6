using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanVisitors.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Security;

/// <summary>
/// Signs in the external scheduler that presents <c>Authorization: Bearer &lt;CRON_SECRET&gt;</c> (compared by
/// <see cref="CronSecret"/>: in constant time, nothing accepted while no secret is configured). Its challenge answers
/// 401 with <c>WWW-Authenticate: Bearer</c> and the <c>cron.unauthorized</c> problem, as a controller writes it.
/// </summary>
internal sealed class CronSecretAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CronSecret secret)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!secret.Accepts(Request.Headers.Authorization))
        {
            return Task.FromResult(Request.Headers.Authorization.Count == 0
                ? AuthenticateResult.NoResult()
                : AuthenticateResult.Fail("The Authorization header does not carry the cron secret."));
        }

        var scheduler = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cron")], Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(scheduler, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Context.WriteProblemAsync(CronSecretAuthentication.Unauthorized);
    }
}
