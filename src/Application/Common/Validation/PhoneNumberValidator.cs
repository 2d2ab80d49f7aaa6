using FluentValidation;
using FluentValidation.Validators;

namespace CleanVisitors.Application.Common.Validation;

/// <summary>
/// An international phone number when one is given (<see cref="PhoneNumberParser"/>). To anything reading the rules it is a
/// pattern and a length: the characters the parser takes, at most <see cref="PhoneNumberParser.MaxInputLength"/> of them.
/// </summary>
public sealed class PhoneNumberValidator<T> : PropertyValidator<T, string?>, IRegularExpressionValidator, ILengthValidator
{
    public override string Name => "PhoneNumberValidator";

    /// <summary>Digits, spaces and <c>+ ( ) - . /</c>, starting with <c>+</c> or <c>00</c> after any spaces and brackets.</summary>
    public string Expression => @"^[\s(]*(\+|00)[0-9\s+()\-./]+$";

    public int Min => 0;

    public int Max => PhoneNumberParser.MaxInputLength;

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        string.IsNullOrEmpty(value) || PhoneNumberParser.Parse(value).IsSuccess;

    protected override string GetDefaultMessageTemplate(string errorCode) => "Must be a valid international phone number such as +14155550123.";
}
