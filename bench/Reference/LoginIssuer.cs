using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanVisitors.Bench.Reference;

/// <summary>
/// What the product's login does besides the query: ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2,
/// as src/Infrastructure/Identity/PasswordHasher.cs, with a decoy hash for unknown users) and an HS256 token with the same
/// claims, issuer, audience and lifetime as src/Infrastructure/Identity/TokenService.cs.
/// </summary>
internal sealed class LoginIssuer
{
    private readonly PasswordHasher<object> _hasher = new();
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;
    private readonly string _decoyHash;

    public LoginIssuer(string secret)
    {
        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
    }

    public bool Verify(string? hash, string password) =>
        _hasher.VerifyHashedPassword(null!, hash ?? _decoyHash, password) != PasswordVerificationResult.Failed && hash is not null;

    public (string Token, DateTime ExpiresAt) Issue(Guid userId, string role)
    {
        var now = DateTime.UtcNow;
        var expires = now.AddMinutes(60);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "cleanvisitors",
            Audience = "cleanvisitors-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                new Claim("role", role),
            ]),
            SigningCredentials = _credentials,
        });
        return (token, expires);
    }
}
