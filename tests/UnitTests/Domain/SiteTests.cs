using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;

namespace CleanVisitors.UnitTests.Domain;

public class SiteTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Create_WithAnIanaTimeZone_Succeeds(string timeZone)
    {
        var site = Site.Create("Berlin office", timeZone, isDefault: false, DomainBuilders.ActorId, DomainBuilders.Start).Value;

        Assert.Equal(timeZone, site.TimeZone);
        Assert.Equal("Berlin office", site.Name);
        var created = Assert.IsType<SiteCreated>(Assert.Single(site.DomainEvents));
        Assert.Equal(site.Id, created.SiteId);
    }

    [Theory]
    [InlineData("Mars/Base")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("../../etc/passwd")]
    public void Create_WithAnythingButAnIanaTimeZone_ReturnsValidationError(string timeZone)
    {
        var result = Site.Create("Berlin office", timeZone, isDefault: false, DomainBuilders.ActorId, DomainBuilders.Start);

        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        Assert.Equal(["timeZone"], result.Error.ValidationErrors!.Keys);
    }

    [Fact]
    public void IsKnownTimeZone_RecognisesTheWindowsIdAsAZoneButNotAsIana()
    {
        // Guards the test above: the Windows id is rejected for not being IANA, not for being unknown here.
        Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById("W. Europe Standard Time", out _));
        Assert.False(Site.IsKnownTimeZone("W. Europe Standard Time"));
    }

    [Theory]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    public void IsKnownTimeZone_FileOfTheZoneDatabaseThatNamesNoZone_IsRefused(string name)
    {
        Assert.False(Site.IsKnownTimeZone(name));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    [InlineData("Europe/Kiev")]
    public void IsKnownTimeZone_IanaNamesAndAliases_AreAccepted(string name)
    {
        Assert.True(Site.IsKnownTimeZone(name));
    }
}
