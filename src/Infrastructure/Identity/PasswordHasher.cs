using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's PBKDF2 hasher (salted HMAC-SHA512 in v3 format, <see cref="PasswordHasherOptions.IterationCount"/>
/// iterations: 100,000 by default, which production keeps; the in-process integration tests lower it, since every test
/// seeds and signs in an Admin and the hashing was a large share of the suite's time). A hash records its own count, so
/// hashes made with any count verify.
/// </summary>
public sealed class PasswordHasher : IPasswordHasher
{
    private readonly PasswordHasher<User> _hasher;
    private readonly string _decoyHash;

    public PasswordHasher(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<User>(options);
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
    }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string? passwordHash, string password)
    {
        // An unknown user is verified against a decoy hash, so both answers take the same time.
        var result = _hasher.VerifyHashedPassword(null!, passwordHash ?? _decoyHash, password);
        return passwordHash is not null && result != PasswordVerificationResult.Failed;
    }
}
