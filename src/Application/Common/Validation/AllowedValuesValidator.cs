using FluentValidation;
using FluentValidation.Validators;

namespace CleanVisitors.Application.Common.Validation;

/// <summary>One of a few exact strings (a decision: <c>approve</c> or <c>reject</c>).</summary>
public sealed class AllowedValuesValidator<T>(params string[] values) : PropertyValidator<T, string?>, IAllowedValuesValidator
{
    public override string Name => "AllowedValuesValidator";

    public IReadOnlyList<string> Values { get; } = values;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || Values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) => $"Must be {string.Join(" or ", Values)}.";
}
