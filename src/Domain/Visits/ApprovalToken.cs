using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visits;

/// <summary>
/// The secret in a host's approval link. 256 random bits, given out once and stored only as its SHA-256 hash;
/// single-use, and valid only while the visit may still be approved.
/// </summary>
public sealed class ApprovalToken
{
    /// <summary>No raw token this service issues is longer; a longer one is refused unread.</summary>
    public const int RawMaxLength = 100;

    private ApprovalToken(Guid id, Guid visitId, string tokenHash, DateTimeOffset expiresAt, DateTimeOffset createdAt)
    {
        Id = id;
        VisitId = visitId;
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid VisitId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>Creates a token; the raw value is returned once, for the link, and never stored.</summary>
    public static (ApprovalToken Token, string RawValue) Issue(Guid visitId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var raw = SecretToken.NewRawValue();
        return (new ApprovalToken(Guid.CreateVersion7(now), visitId, SecretToken.Hash(raw), expiresAt, now), raw);
    }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsUsed => UsedAt is not null;

    public void Use(DateTimeOffset now) => UsedAt = now;
}
