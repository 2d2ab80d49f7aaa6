using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Visitors;

/// <summary>
/// The failures of a photo upload. <see cref="UnsupportedMediaType"/> and <see cref="TooLarge"/> are validation
/// failures whose codes the HTTP edge answers with 415 and 413, the statuses HTTP has for exactly these cases.
/// </summary>
public static class PhotoErrors
{
    public const string UnsupportedMediaTypeCode = "photo.unsupported_media_type";

    public const string TooLargeCode = "photo.too_large";

    public static Error UnsupportedMediaType() =>
        new(UnsupportedMediaTypeCode, "The file is not a JPEG, PNG or WebP image (recognised by its content, not by its name or declared type).", ErrorType.Validation);

    public static Error TooLarge() =>
        new(TooLargeCode, $"The photo is larger than {PhotoFormat.MaxBytes} bytes (5 MB).", ErrorType.Validation);

    public static Error NotFound(Guid visitorId) => Error.NotFound("visitor.photo_not_found", $"Visitor {visitorId} has no photo.");
}
