using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CleanVisitors.Domain.Common;

/// <summary>A credential given out once (an approval link's, a refresh token): 256 random bits, stored only as their SHA-256 hash.</summary>
public static class SecretToken
{
    /// <summary>A new raw value, base64url: handed to its holder and never stored.</summary>
    public static string NewRawValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>What is stored and looked up: the lower-case hex SHA-256 of the raw value.</summary>
    public static string Hash(string rawValue) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawValue)));
}
