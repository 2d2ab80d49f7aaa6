using System.Linq.Expressions;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>
/// The rules of one options class. A failure's message follows the name of the variable its property is bound from
/// (<see cref="SettingsValidator{T}"/> puts it in front): "must be a whole number from 1 to 100; it is '0'.".
/// A rule with <see cref="Severity.Warning"/> is reported at start-up and does not stop it.
/// </summary>
public abstract class SettingsRules<T> : AbstractValidator<T>
{
    protected void Between(Expression<Func<T, int>> property, int min, int max) =>
        RuleFor(property).InclusiveBetween(min, max).WithMessage($"must be a whole number from {min} to {max}; it is '{{PropertyValue}}'.");

    protected void AtLeast(Expression<Func<T, int>> property, int min) =>
        RuleFor(property).GreaterThanOrEqualTo(min).WithMessage($"must be a whole number, at least {min}; it is '{{PropertyValue}}'.");

    /// <summary>An absolute http(s) URL. The scheme is checked too: on Linux a bare path such as /v1 parses as a file:// URI.</summary>
    protected static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
