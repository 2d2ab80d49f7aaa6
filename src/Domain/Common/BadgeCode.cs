using System.Security.Cryptography;

namespace CleanVisitors.Domain.Common;

/// <summary>A visit's short code for QR badges: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).</summary>
public sealed record BadgeCode
{
    public const int Length = 8;
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private BadgeCode(string value) => Value = value;

    public string Value { get; }

    public static BadgeCode New() => new(RandomNumberGenerator.GetString(Alphabet, Length));

    /// <summary>Reads a code as a person may type it (any case, surrounding spaces).</summary>
    public static Result<BadgeCode> Parse(string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (code is null || code.Length != Length || code.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return Error.Validation("badgeCode", $"A badge code is {Length} characters from {Alphabet}.");
        }

        return new BadgeCode(code);
    }

    public override string ToString() => Value;
}
