using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanVisitors.Api.Http;

namespace CleanVisitors.UnitTests.Api;

public sealed class UtcTimeTests
{
    [Theory]
    [InlineData("2030-01-01T10:00:00Z", "2030-01-01T10:00:00Z")]
    [InlineData("2030-01-01T10:00:00.5+02:00", "2030-01-01T08:00:00.5Z")]
    [InlineData("2024-12-01T13:26:45.113104Z", "2024-12-01T13:26:45.113104Z")]
    [InlineData("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z")]
    public void Append_WritesWhatFormatReturns(string value, string expected)
    {
        var at = DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var appended = UtcTime.Append(new StringBuilder("x"), at).ToString();

        Assert.Equal(expected, UtcTime.Format(at));
        Assert.Equal("x" + expected, appended);
    }

    [Theory]
    [InlineData("2030-01-01T10:00:00Z", "2030-01-01T10:00:00Z")]
    [InlineData("2030-01-01T10:00:00.1Z", "2030-01-01T10:00:00.1Z")]
    [InlineData("2030-01-01T10:00:00.000001Z", "2030-01-01T10:00:00.000001Z")]
    [InlineData("2030-01-01T10:00:00.0000009Z", "2030-01-01T10:00:00Z")]
    [InlineData("2030-01-01T10:00:00.1234567Z", "2030-01-01T10:00:00.123456Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("2030-06-30T23:59:59.5-05:30", "2030-07-01T05:29:59.5Z")]
    public void EveryForm_WritesThePatternsText(string value, string expected)
    {
        var at = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

        AssertEveryFormWrites(at, expected);
    }

    [Fact]
    public void EveryForm_MatchesThePatternOnManyInstants()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            // Every fraction length, zeros at the end included.
            ticks -= ticks % (long)Math.Pow(10, random.Next(0, 8));
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);

            AssertEveryFormWrites(at, at.UtcDateTime.ToString(UtcTime.Pattern, CultureInfo.InvariantCulture));
        }
    }

    private static void AssertEveryFormWrites(DateTimeOffset at, string expected)
    {
        Assert.Equal(expected, UtcTime.Format(at));
        Assert.Equal("x" + expected, UtcTime.Append(new StringBuilder("x"), at).ToString());
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            UtcTime.Write(writer, at);
        }

        Assert.Equal("\"" + expected + "\"", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
