using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace CleanVisitors.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher (salted, 100k iterations of HMAC-SHA512 in v3 format).</summary>
internal sealed class PasswordHasher : IPasswordHasher
{
    private readonly PasswordHasher<User> _hasher = new();
    private readonly string _decoyHash;

    public PasswordHasher() => _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string? passwordHash, string password)
    {
        // An unknown user is verified against a decoy hash, so both answers take the same time.
        var result = _hasher.VerifyHashedPassword(null!, passwordHash ?? _decoyHash, password);
        return passwordHash is not null && result != PasswordVerificationResult.Failed;
    }
}
