using System.Text;
using CleanVisitors.Application.Visitors;

namespace CleanVisitors.UnitTests.Application;

public sealed class PhotoFormatTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01 }, "image/jpeg")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }, "image/png")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    public void Detect_WhenTheSignatureMatches_NamesTheFormat(byte[] header, string contentType) =>
        Assert.Equal(contentType, PhotoFormat.Detect(header)?.ContentType);

    [Theory]
    [InlineData("")]
    [InlineData("just some text named photo.jpg")]
    [InlineData("GIF89a......")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")] // a RIFF file, but audio
    [InlineData("RIFF\u0024\0\0\0WEB")] // WebP cut short
    public void Detect_WhenTheBytesAreNotAnAcceptedImage_ReturnsNull(string content) =>
        Assert.Null(PhotoFormat.Detect(Encoding.Latin1.GetBytes(content)));

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8 })] // JPEG cut short
    [InlineData(new byte[] { 0xFF, 0xD9, 0xFF, 0xE0 })] // one bit off
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A })] // PNG cut short
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x0A, 0x0A })] // PNG signature mangled by a text-mode transfer
    [InlineData(new byte[] { 0x00, 0xFF, 0xD8, 0xFF })] // a JPEG signature, but not at the start
    public void Detect_WhenTheSignatureIsIncompleteOrDisplaced_ReturnsNull(byte[] header) =>
        Assert.Null(PhotoFormat.Detect(header));

    [Fact]
    public void NewKey_IsServerMadeUnderTheVisitorsFolderWithTheFormatsExtension()
    {
        var visitorId = Guid.CreateVersion7();
        var now = DateTimeOffset.Parse("2026-11-26T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var first = PhotoFormat.WebP.NewKey(visitorId, now);
        var second = PhotoFormat.WebP.NewKey(visitorId, now);

        Assert.Matches($"^visitors/{visitorId}/[0-9a-f-]{{36}}\\.webp$", first);
        Assert.NotEqual(first, second);
        Assert.True(CleanVisitors.Application.Common.Interfaces.BlobKey.IsSafe(first));
    }

    [Theory]
    [InlineData("image/jpeg", "visitor-photo.jpg")]
    [InlineData("IMAGE/PNG", "visitor-photo.png")]
    [InlineData("image/webp", "visitor-photo.webp")]
    public void FromContentType_KnowsTheThreeFormats(string contentType, string fileName) =>
        Assert.Equal(fileName, PhotoFormat.FromContentType(contentType)?.FileName);

    [Theory]
    [InlineData("image/gif")]
    [InlineData("text/html")]
    [InlineData(null)]
    public void FromContentType_RefusesAnythingElse(string? contentType) => Assert.Null(PhotoFormat.FromContentType(contentType));
}
