using System.Text;
using CleanVisitors.Api.Infrastructure;

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
}
