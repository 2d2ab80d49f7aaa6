using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>
/// An options class's <see cref="SettingsRules{T}"/> as the options' validation (<c>ValidateOnStart</c>): its errors stop
/// the host, each message naming its variable; its warnings do not.
/// </summary>
public sealed class SettingsValidator<T>(IValidator<T> rules) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = Describe(rules.Validate(options), Severity.Error);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The failures of one severity, each with its variable's name in front.</summary>
    public static IReadOnlyList<string> Describe(ValidationResult result, Severity severity) =>
        [.. result.Errors.Where(e => e.Severity == severity).Select(e =>
            Settings.KeyOf(typeof(T), Property(e.PropertyName)) is { } key ? $"{key} {e.ErrorMessage}" : e.ErrorMessage)];

    /// <summary>A list entry's failure names its list (<c>CorsOrigin[1]</c>): the variable is the list's.</summary>
    private static string Property(string name) => name.IndexOf('[', StringComparison.Ordinal) is var at and >= 0 ? name[..at] : name;
}
