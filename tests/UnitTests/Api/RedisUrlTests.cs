using System.Net;
using CleanVisitors.Api.RateLimiting;
using StackExchange.Redis;

namespace CleanVisitors.UnitTests.Api;

/// <summary><c>REDIS_URL</c> in the forms the Node service's client read, with options that never make a request wait.</summary>
public sealed class RedisUrlTests
{
    [Fact]
    public void Parse_HostAndPort_WithNothingElse()
    {
        var options = RedisUrl.Parse("redis://cache.internal:6380");

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("cache.internal", 6380), (endpoint.Host, endpoint.Port));
        Assert.False(options.Ssl);
        Assert.Null(options.Password);
        Assert.Null(options.DefaultDatabase);
    }

    [Fact]
    public void Parse_WithoutPort_Uses6379()
    {
        Assert.Equal(6379, Assert.IsType<DnsEndPoint>(Assert.Single(RedisUrl.Parse("redis://redis").EndPoints)).Port);
    }

    [Theory]
    [InlineData("redis://:p%40ss@redis:6379", null, "p@ss")]
    [InlineData("redis://app:p%40ss@redis:6379", "app", "p@ss")]
    [InlineData("redis://p%40ss@redis:6379", null, "p@ss")]
    public void Parse_ReadsTheUserAndTheEscapedPassword(string url, string? user, string password)
    {
        var options = RedisUrl.Parse(url);

        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
    }

    [Fact]
    public void Parse_Rediss_IsTls_CheckedAgainstTheHost_AndTheDatabaseIsThePath()
    {
        var options = RedisUrl.Parse("rediss://:secret@cache.example.com:6380/3");

        Assert.True(options.Ssl);
        Assert.Equal("cache.example.com", options.SslHost);
        Assert.Equal(3, options.DefaultDatabase);
    }

    [Fact]
    public void Parse_NeverWaitsForRedis()
    {
        var options = RedisUrl.Parse("redis://redis:6379");

        Assert.False(options.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.InRange(options.AsyncTimeout, 1, 2000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("redis:6379")]
    [InlineData("localhost:6379")]
    [InlineData("http://redis:6379")]
    [InlineData("redis://redis:6379/zero")]
    public void Parse_AnythingElse_IsAFormatExceptionThatNamesTheSetting(string url)
    {
        var error = Assert.Throws<FormatException>(() => RedisUrl.Parse(url));

        Assert.StartsWith("REDIS_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
