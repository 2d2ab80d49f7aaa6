using System.Text.RegularExpressions;
using CleanVisitors.Domain.Common;
using FluentValidation;

namespace CleanVisitors.Application.Common.Validation;

/// <summary>The field rules of the API contract, written once.</summary>
public static partial class RuleExtensions
{
    /// <summary>Names of people, companies and sites: letters, digits, spaces and <c>' - . ,</c>; never markup.</summary>
    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule, int maxLength = Limits.NameMaxLength) =>
        rule.NotEmpty().WithMessage("Is required.")
            .MaximumLength(maxLength).WithMessage($"Must be at most {maxLength} characters.")
            .Matches(NamePattern()).WithMessage("May hold letters, digits, spaces and ' - . , only.");

    /// <summary>An optional name: absent is fine, present must be valid.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalName<T>(this IRuleBuilder<T, string?> rule, int maxLength = Limits.NameMaxLength) =>
        rule.MaximumLength(maxLength).WithMessage($"Must be at most {maxLength} characters.")
            .Must(value => string.IsNullOrEmpty(value) || NamePattern().IsMatch(value)).WithMessage("May hold letters, digits, spaces and ' - . , only.");

    public static IRuleBuilderOptions<T, string?> ValidPhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Is required.").SetValidator(new PhoneNumberValidator<T>());

    public static IRuleBuilderOptions<T, string?> OptionalPhoneNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new PhoneNumberValidator<T>());

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Is required.").ValidEmailIfAny();

    public static IRuleBuilderOptions<T, string?> OptionalEmail<T>(this IRuleBuilder<T, string?> rule) => rule.ValidEmailIfAny();

    /// <summary>The address's own reason when it is refused (format characters, or not an address at all).</summary>
    private static IRuleBuilderOptions<T, string?> ValidEmailIfAny<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new EmailAddressValidator<T>());

    /// <summary>One line of free text (a purpose, a reason): no markup, no control characters.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLineText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).WithMessage($"Must be at most {maxLength} characters.")
            .Must(value => value is null || (value.IndexOfAny(['<', '>']) < 0 && !value.Any(char.IsControl)))
            .WithMessage("Must be one line of plain text without < or >.");

    /// <summary>Several lines of free text (notes): newlines and tabs allowed, other control characters not.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLineText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).WithMessage($"Must be at most {maxLength} characters.")
            .Must(value => value is null || !value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            .WithMessage("Must be plain text.");

    [GeneratedRegex(@"^[\p{L}\p{M}\p{Nd} '\-.,]+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();
}
