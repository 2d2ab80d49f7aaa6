using CleanVisitors.Domain.Common;
using FluentValidation;
using FluentValidation.Validators;

namespace CleanVisitors.Application.Common.Validation;

/// <summary>
/// An e-mail address when one is given, by the domain's own rules (<see cref="Email.Create"/>), refused with the domain's
/// reason. It is FluentValidation's e-mail validator and length validator to anything reading the rules (the OpenAPI
/// document shows <c>format: email</c> and the maximum length), while the check itself stays the domain's.
/// </summary>
public sealed class EmailAddressValidator<T> : PropertyValidator<T, string?>, IEmailValidator, ILengthValidator
{
    public override string Name => "EmailValidator";

    public int Min => 0;

    public int Max => Limits.EmailMaxLength;

    public override bool IsValid(ValidationContext<T> context, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var email = Email.Create(value);
        if (email.IsSuccess)
        {
            return true;
        }

        context.MessageFormatter.AppendArgument("Reason", email.Error?.ValidationErrors?.Values.FirstOrDefault()?.FirstOrDefault() ?? "Must be a valid e-mail address.");
        return false;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{Reason}";
}

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

/// <summary>What a validator that takes only some values tells anything reading the rules (the OpenAPI document's <c>enum</c>).</summary>
public interface IAllowedValuesValidator
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>One of a few exact strings (a decision: <c>approve</c> or <c>reject</c>).</summary>
public sealed class AllowedValuesValidator<T>(params string[] values) : PropertyValidator<T, string?>, IAllowedValuesValidator
{
    public override string Name => "AllowedValuesValidator";

    public IReadOnlyList<string> Values { get; } = values;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || Values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) => $"Must be {string.Join(" or ", Values)}.";
}
