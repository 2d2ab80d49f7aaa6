namespace CleanVisitors.Application.Visitors;

/// <summary>
/// The image formats a visitor photo may have, recognised by their first bytes (the file signature), never by the
/// file name or the content type a client declares.
/// </summary>
public sealed class PhotoFormat
{
    /// <summary>The largest photo accepted: 5 MB.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>How many leading bytes <see cref="Detect"/> needs to tell every format apart (WebP's is the longest).</summary>
    public const int SignatureLength = 12;

    public static readonly PhotoFormat Jpeg = new("image/jpeg", "jpg");

    public static readonly PhotoFormat Png = new("image/png", "png");

    public static readonly PhotoFormat WebP = new("image/webp", "webp");

    private static readonly PhotoFormat[] All = [Jpeg, Png, WebP];

    private PhotoFormat(string contentType, string extension)
    {
        ContentType = contentType;
        Extension = extension;
    }

    public string ContentType { get; }

    public string Extension { get; }

    /// <summary>The name a download carries: chosen here, never the uploaded file's name.</summary>
    public string FileName => $"visitor-photo.{Extension}";

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>JPEG <c>FF D8 FF</c>; PNG <c>89 50 4E 47 0D 0A 1A 0A</c>; WebP <c>RIFF</c>, a 4-byte size, <c>WEBP</c>; else null.</summary>
    public static PhotoFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(JpegSignature))
        {
            return Jpeg;
        }

        if (header.StartsWith(PngSignature))
        {
            return Png;
        }

        if (header.Length >= SignatureLength && header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }

    public static PhotoFormat? FromContentType(string? contentType) =>
        All.FirstOrDefault(f => string.Equals(f.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>A fresh, server-made key: <c>visitors/{visitorId}/{uuid}.{extension}</c>; nothing of the client's upload is in it.</summary>
    public string NewKey(Guid visitorId, DateTimeOffset now) => $"visitors/{visitorId:D}/{Guid.CreateVersion7(now):D}.{Extension}";
}
