using System.Net.Http.Headers;

namespace CleanVisitors.IntegrationTests.Photos;

/// <summary>Tiny images that begin with each format's real signature, padded with varied bytes to a chosen length.</summary>
public static class PhotoBytes
{
    public static byte[] Jpeg(int length = 256) =>
        Image(length, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01], [0xFF, 0xD9]);

    public static byte[] Png(int length = 256) =>
        Image(length, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'], []);

    public static byte[] WebP(int length = 256)
    {
        var bytes = Image(length, [(byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V', (byte)'P', (byte)'8', (byte)' '], []);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), length - 8); // RIFF size, little-endian
        return bytes;
    }

    public static byte[] Of(string format) => format switch
    {
        "jpeg" => Jpeg(),
        "png" => Png(),
        "webp" => WebP(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>A multipart/form-data body with <paramref name="bytes"/> as the field <c>file</c>.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg", string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    private static byte[] Image(int length, byte[] head, byte[] tail)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        head.CopyTo(bytes, 0);
        tail.CopyTo(bytes, length - tail.Length);
        return bytes;
    }
}
