using System.Security.Claims;
using CleanVisitors.Domain.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Security;

/// <summary>
/// The cron secret as an authentication scheme of its own, asked by <c>/api/cron/{job}</c> only
/// (<c>[Authorize(AuthenticationSchemes = CronSecretAuthentication.Scheme)]</c>): the endpoint takes
/// <c>Authorization: Bearer &lt;CRON_SECRET&gt;</c> and nothing else, a user's access token included
/// (<see cref="CronSecretAuthenticationHandler"/>).
/// </summary>
public static class CronSecretAuthentication
{
    /// <summary>The scheme's name; the OpenAPI document's security scheme has the same.</summary>
    public const string Scheme = "CronSecret";

    /// <summary>The answer to a missing or wrong secret (and to every secret while <c>CRON_SECRET</c> is unset).</summary>
    public static readonly Error Unauthorized = Error.Unauthorized("cron.unauthorized", "Send the cron secret: Authorization: Bearer <CRON_SECRET>.");

    /// <summary>
    /// True for the principal this scheme signs in: an external scheduler, which runs the service's own jobs, so the use
    /// cases see the system as its caller (<c>ICurrentUser.IsSystem</c>), not a user.
    /// </summary>
    public static bool IsScheduler(ClaimsPrincipal? principal) => principal?.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    /// <summary>Registers the scheme with the secret configured (<c>CRON_SECRET</c>, <see cref="SecurityOptions"/>; none: nothing is accepted).</summary>
    public static AuthenticationBuilder AddCronSecret(this AuthenticationBuilder builder)
    {
        builder.Services.AddSingleton(provider => new CronSecret(provider.GetRequiredService<IOptions<SecurityOptions>>().Value.CronSecret));
        return builder.AddScheme<AuthenticationSchemeOptions, CronSecretAuthenticationHandler>(Scheme, displayName: null, configureOptions: null);
    }
}
