using System.Security.Claims;
using System.Text;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>Issues HS256 access tokens signed with the UTF-8 bytes of <c>JWT_SECRET</c>, carrying the user id, role and security stamp.</summary>
internal sealed class TokenService(IOptions<JwtOptions> options, TimeProvider time) : ITokenService
{
    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken Issue(Guid userId, UserRole role, Guid securityStamp, Guid sessionId)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(settings.ExpiresMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                new Claim(AccessTokenClaims.Role, role.ToString()),
                new Claim(AccessTokenClaims.Stamp, securityStamp.ToString("N")),
                new Claim(AccessTokenClaims.Session, sessionId.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey(settings.Secret), SecurityAlgorithms.HmacSha256),
        };
        return new AccessToken(_handler.CreateToken(descriptor), expires);
    }

    public static SymmetricSecurityKey SigningKey(string secret) => new(Encoding.UTF8.GetBytes(secret));
}
