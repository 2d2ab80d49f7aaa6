using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;

namespace CleanVisitors.UnitTests.Domain;

public class RefreshTokenTests
{
    private static readonly DateTimeOffset Now = DomainBuilders.Start;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void StartFamily_StoresOnlyTheHashOfTheRawValue()
    {
        var (token, raw) = RefreshToken.StartFamily(Guid.NewGuid(), Guid.NewGuid(), Day, Now);

        Assert.NotEqual(raw, token.TokenHash);
        Assert.Equal(SecretToken.Hash(raw), token.TokenHash);
        Assert.True(raw.Length >= 43, "256 random bits, base64url.");
        Assert.Equal(Now + Day, token.ExpiresAt);
    }

    [Fact]
    public void Next_StaysInTheFamilyWithAFreshLifetimeAndValue()
    {
        var (first, firstRaw) = RefreshToken.StartFamily(Guid.NewGuid(), Guid.NewGuid(), Day, Now);

        var (next, nextRaw) = first.Next(first.UserStamp, Day, Now.AddHours(5));

        Assert.Equal(first.FamilyId, next.FamilyId);
        Assert.Equal(first.UserId, next.UserId);
        Assert.NotEqual(firstRaw, nextRaw);
        Assert.Equal(Now.AddHours(5) + Day, next.ExpiresAt);
    }

    [Fact]
    public void IsUsable_UntilItExpires()
    {
        var (token, _) = RefreshToken.StartFamily(Guid.NewGuid(), Guid.NewGuid(), Day, Now);

        Assert.True(token.IsUsable(Now + Day - TimeSpan.FromTicks(1)));
        Assert.False(token.IsUsable(Now + Day));
    }

    [Fact]
    public void StillMatches_OnlyAnActiveUserWithTheSameStamp()
    {
        var stamp = Guid.NewGuid();
        var (token, _) = RefreshToken.StartFamily(Guid.NewGuid(), stamp, Day, Now);

        Assert.True(token.StillMatches(true, stamp));
        Assert.False(token.StillMatches(false, stamp));
        Assert.False(token.StillMatches(true, Guid.NewGuid()));

        var restamped = Guid.NewGuid();
        token.Restamp(restamped);
        Assert.True(token.StillMatches(true, restamped));
    }
}
