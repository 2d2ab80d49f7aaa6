using System.Buffers.Text;
using System.Text;
using CleanVisitors.Application.Common.Models;

namespace CleanVisitors.UnitTests.Application;

public sealed class PageCursorTests
{
    private static readonly DateTimeOffset At = new(2030, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Write_ThenRead_WithTheSameScope_GivesBackPageKeyAndId()
    {
        var id = Guid.CreateVersion7();
        var cursor = PageCursor.Write(3, At.AddTicks(10), id, "visits|x");

        Assert.True(PageCursor.TryRead(cursor, "visits|x", out var read));
        Assert.True(read.TryGetKey<DateTimeOffset>(out var key));
        Assert.Equal((3, At.AddTicks(10), id), (read.Page, key, read.Id));
    }

    [Fact]
    public void Write_ThenRead_AStringKey_KeepsItExactly()
    {
        var cursor = PageCursor.Write(2, "Zoë O'Brien, \"Jr\"", Guid.Empty, "users|");

        Assert.True(PageCursor.TryRead(cursor, "users|", out var read));
        Assert.True(read.TryGetKey<string>(out var key));
        Assert.Equal("Zoë O'Brien, \"Jr\"", key);
    }

    /// <summary>
    /// The longest key a list sorts by is a 200-character name; JSON escapes each non-ASCII character as six bytes, so a
    /// Cyrillic or Greek name made a cursor of about 1,700 characters, which the service then refused as its own.
    /// </summary>
    [Theory]
    [InlineData('Ж')]
    [InlineData('é')]
    [InlineData('z')]
    public void Write_ThenRead_TheLongestNameKey_InAnyScript_IsAccepted(char letter)
    {
        var name = new string(letter, CleanVisitors.Domain.Common.Limits.NameMaxLength);
        var cursor = PageCursor.Write(int.MaxValue, name, Guid.NewGuid(), "users|Admin|" + new string('x', 200));

        Assert.True(cursor.Length <= PageCursor.MaxLength, $"{cursor.Length} characters");
        Assert.True(PageCursor.TryRead(cursor, "users|Admin|" + new string('x', 200), out var read));
        Assert.True(read.TryGetKey<string>(out var key));
        Assert.Equal(name, key);
    }

    [Fact]
    public void TryRead_WithAnotherScope_Fails()
    {
        var cursor = PageCursor.Write(2, At, Guid.NewGuid(), "visits|Approved");

        Assert.False(PageCursor.TryRead(cursor, "visits|Rejected", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("bm90LWpzb24")] // "not-json"
    [InlineData("e30")] // "{}"
    public void TryRead_WithSomethingThatIsNoCursor_Fails(string cursor) =>
        Assert.False(PageCursor.TryRead(cursor, "visits|", out _));

    [Fact]
    public void TryRead_WithAnUnknownMember_Fails()
    {
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(PageCursor.Write(2, At, Guid.Empty, "s")));
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace("{", "{\"x\":1,", StringComparison.Ordinal)));

        Assert.False(PageCursor.TryRead(forged, "s", out _));
    }

    [Fact]
    public void TryGetKey_OfATimeList_WhenTheCursorHoldsAName_Fails()
    {
        var cursor = PageCursor.Write(2, "not a time", Guid.Empty, "s");

        Assert.True(PageCursor.TryRead(cursor, "s", out var read));
        Assert.False(read.TryGetKey<DateTimeOffset>(out _));
    }

    [Fact]
    public void TryRead_OfAFirstPage_Fails()
    {
        var cursor = PageCursor.Write(1, At, Guid.Empty, "s");

        Assert.False(PageCursor.TryRead(cursor, "s", out _));
    }
}
