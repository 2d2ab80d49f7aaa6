using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Users;

/// <summary>
/// The long-lived half of a sign-in (API.md, Auth): 256 random bits, given out once and stored only as their SHA-256
/// hash. Each use spends it and issues the next one of the same <see cref="FamilyId"/> (one family per login); presenting
/// a spent one again means it was copied, and the whole family is revoked. A token also stops working when its user's
/// security stamp is no longer the one it was issued under (deactivation, a role change, a new password).
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken(Guid id, Guid userId, Guid familyId, string tokenHash, Guid userStamp, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        UserId = userId;
        FamilyId = familyId;
        TokenHash = tokenHash;
        UserStamp = userStamp;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The login this token descends from: the session id access tokens carry (claim <c>sid</c>).</summary>
    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>The user's security stamp when the token was issued.</summary>
    public Guid UserStamp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? SpentAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>A new login's first token; the raw value is returned once and never stored.</summary>
    public static (RefreshToken Token, string RawValue) StartFamily(Guid userId, Guid userStamp, TimeSpan lifetime, DateTimeOffset now) =>
        Issue(userId, Guid.CreateVersion7(now), userStamp, lifetime, now);

    /// <summary>The token that replaces this one (same family, a fresh lifetime); the raw value is returned once.</summary>
    public (RefreshToken Token, string RawValue) Next(Guid userStamp, TimeSpan lifetime, DateTimeOffset now) => Issue(UserId, FamilyId, userStamp, lifetime, now);

    /// <summary>Whether it may be exchanged now: not spent, revoked or expired.</summary>
    public bool IsUsable(DateTimeOffset now) => SpentAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Whether it was issued under the user's current state: the user is active and has the same security stamp.</summary>
    public bool StillMatches(bool userIsActive, Guid userStamp) => userIsActive && userStamp == UserStamp;

    public bool IsSpent => SpentAt is not null;

    /// <summary>Carries the token over a password change made in its own session (the other sessions end).</summary>
    public void Restamp(Guid userStamp) => UserStamp = userStamp;

    private static (RefreshToken Token, string RawValue) Issue(Guid userId, Guid familyId, Guid userStamp, TimeSpan lifetime, DateTimeOffset now)
    {
        var raw = SecretToken.NewRawValue();
        return (new RefreshToken(Guid.CreateVersion7(now), userId, familyId, SecretToken.Hash(raw), userStamp, now, now + lifetime), raw);
    }
}
