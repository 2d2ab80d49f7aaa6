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
