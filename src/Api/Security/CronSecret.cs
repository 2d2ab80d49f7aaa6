using System.Security.Cryptography;
using System.Text;

namespace CleanVisitors.Api.Security;

/// <summary>
/// The scheduler's credential for <c>POST /api/cron/{job}</c>, checked by <see cref="CronSecretAuthenticationHandler"/>:
/// <c>Authorization: Bearer &lt;CRON_SECRET&gt;</c>. The
/// presented value and the secret are compared as SHA-256 hashes with <see cref="CryptographicOperations.FixedTimeEquals"/>:
/// equal lengths, so the comparison takes the same time whatever the input, and says nothing about the secret's length.
/// With no secret configured nothing is accepted.
/// </summary>
public sealed class CronSecret
{
    private const string Scheme = "Bearer ";

    private readonly byte[]? _secretHash;

    public CronSecret(string? secret) =>
        _secretHash = string.IsNullOrWhiteSpace(secret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim()));

    public bool IsConfigured => _secretHash is not null;

    /// <summary>True when <paramref name="authorizationHeader"/> is <c>Bearer</c> followed by the secret.</summary>
    public bool Accepts(string? authorizationHeader)
    {
        if (_secretHash is null || authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorizationHeader[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _secretHash);
    }
}
