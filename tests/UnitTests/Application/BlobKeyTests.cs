using CleanVisitors.Application.Common.Interfaces;

namespace CleanVisitors.UnitTests.Application;

public sealed class BlobKeyTests
{
    [Theory]
    [InlineData("visitors/0195b3a4-0000-7000-8000-000000000001/0195b3a4-0000-7000-8000-000000000002.jpg")]
    [InlineData("a")]
    [InlineData("a/b_c/d-e.f")]
    public void IsSafe_AcceptsServerMadeShapes(string key) => Assert.True(BlobKey.IsSafe(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../a")]
    [InlineData("a/..")]
    [InlineData("a/./b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a\\b")]
    [InlineData("A")]
    [InlineData("a:b")]
    [InlineData("-a")]
    [InlineData("_a")]
    [InlineData("a/.b")]
    [InlineData("ä")]
    public void IsSafe_RefusesAnythingThatCouldNameAnotherPlace(string? key) => Assert.False(BlobKey.IsSafe(key));

    [Fact]
    public void IsSafe_RefusesKeysLongerThanTheColumn()
    {
        Assert.True(BlobKey.IsSafe(new string('a', BlobKey.MaxLength)));
        Assert.False(BlobKey.IsSafe(new string('a', BlobKey.MaxLength + 1)));
    }
}
