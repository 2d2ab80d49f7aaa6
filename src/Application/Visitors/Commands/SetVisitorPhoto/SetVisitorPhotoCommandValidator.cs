using FluentValidation;

namespace CleanVisitors.Application.Visitors.Commands.SetVisitorPhoto;

/// <summary>
/// The request's shape only: a file must be there. What the file is (its format, recognised by its bytes, and its size)
/// the handler decides, because those failures are 415 and 413, not a 400 for a field.
/// </summary>
public sealed class SetVisitorPhotoCommandValidator : AbstractValidator<SetVisitorPhotoCommand>
{
    public SetVisitorPhotoCommandValidator() =>
        RuleFor(x => x.Content).NotNull().WithMessage("Is required: send the photo as the multipart/form-data field \"file\".")
            .OverridePropertyName("file");
}
