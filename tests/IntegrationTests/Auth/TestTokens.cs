using System.Security.Claims;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanVisitors.IntegrationTests.Auth;

/// <summary>Access tokens built by the test, valid by default the way the API issues them; each test breaks one thing.</summary>
internal static class TestTokens
{
    public const string Issuer = "cleanvisitors";
    public const string Audience = "cleanvisitors-api";

    public static string Create(Guid userId, string role, Guid securityStamp, Action<SecurityTokenDescriptor>? change = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role), new Claim("stamp", securityStamp.ToString("N"))]),
            SigningCredentials = Signing(ApiFactory.JwtSecret),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static SigningCredentials Signing(string secret, string algorithm = SecurityAlgorithms.HmacSha256) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm);
}
