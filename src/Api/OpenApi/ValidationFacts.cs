using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.Validators;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// Reads the validators of a request type (FluentValidation's own descriptors) into <see cref="FieldFacts"/>: the rules stay
/// written once, in the use cases, and the document says what they enforce. The validators of a type are its own, those of
/// the interfaces it implements (<c>IVisitorFields</c>) and those of the command it stands for (<see cref="ValidatedAsAttribute"/>).
/// Rules under a condition (<c>When</c>) constrain only some requests, so they never make a field required; their limits
/// (lengths, patterns, bounds) hold whenever the field is checked and are documented.
/// </summary>
internal sealed class ValidationFacts(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, FieldFacts>?> _cache = new();

    /// <summary>The facts of each field of <paramref name="type"/> by JSON name (camelCase), or null when no validator checks the type.</summary>
    public IReadOnlyDictionary<string, FieldFacts>? For(Type type) => _cache.GetOrAdd(type, Read);

    private IReadOnlyDictionary<string, FieldFacts>? Read(Type type)
    {
        using var scope = services.CreateScope();
        var validators = ValidatedTypes(type)
            .Select(t => scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(t)) as IValidator)
            .OfType<IValidator>()
            .ToList();
        if (validators.Count == 0)
        {
            return null;
        }

        var facts = new Dictionary<string, FieldFacts>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in validators.SelectMany(v => v.CreateDescriptor().Rules))
        {
            if (string.IsNullOrEmpty(rule.PropertyName))
            {
                continue; // a rule on the whole object (exactly one of two fields, a child validator): no one field's fact
            }

            var name = JsonName(rule.PropertyName);
            var field = facts.GetValueOrDefault(name) ?? new FieldFacts();
            var ruleConditional = rule.HasCondition || rule.HasAsyncCondition;
            foreach (var component in rule.Components)
            {
                field = Apply(field, component.Validator, conditional: ruleConditional || component.HasCondition || component.HasAsyncCondition);
            }

            facts[name] = field;
        }

        return facts;
    }

    private static IEnumerable<Type> ValidatedTypes(Type type)
    {
        yield return type;
        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }

        if (type.GetCustomAttributes(typeof(ValidatedAsAttribute), inherit: false).FirstOrDefault() is ValidatedAsAttribute validatedAs)
        {
            foreach (var validated in ValidatedTypes(validatedAs.Type))
            {
                yield return validated;
            }
        }
    }

    /// <summary>A validator may say several things at once (an e-mail rule is a format and a length): each is read.</summary>
    private static FieldFacts Apply(FieldFacts field, IPropertyValidator validator, bool conditional)
    {
        if (validator is INotEmptyValidator)
        {
            field = field with { Required = field.Required || !conditional, MinLength = Math.Max(field.MinLength ?? 0, 1) };
        }

        if (validator is INotNullValidator)
        {
            field = field with { Required = field.Required || !conditional };
        }

        if (validator is ILengthValidator length)
        {
            field = field with
            {
                MaxLength = length.Max > 0 ? Math.Min(field.MaxLength ?? int.MaxValue, length.Max) : field.MaxLength,
                MinLength = length.Min > 0 ? Math.Max(field.MinLength ?? 0, length.Min) : field.MinLength,
            };
        }

        if (validator is IRegularExpressionValidator { Expression: { } expression })
        {
            field = field with { Pattern = expression };
        }

        if (validator is CleanVisitors.Application.Common.Validation.IAllowedValuesValidator allowed)
        {
            field = field with { AllowedValues = allowed.Values, MaxLength = allowed.Values.Max(v => v.Length) };
        }

        if (validator is IEmailValidator)
        {
            field = field with { Format = "idn-email" }; // the domain's rules take internationalised addresses too
        }

        if (validator is IBetweenValidator between)
        {
            var exclusive = validator.Name.Contains("Exclusive", StringComparison.Ordinal);
            field = field with { Minimum = Number(between.From), Maximum = Number(between.To), ExclusiveMinimum = exclusive, ExclusiveMaximum = exclusive };
        }

        if (validator is IComparisonValidator { ValueToCompare: IConvertible bound } comparison)
        {
            field = comparison.Comparison switch
            {
                Comparison.GreaterThanOrEqual => field with { Minimum = Number(bound) },
                Comparison.GreaterThan => field with { Minimum = Number(bound), ExclusiveMinimum = true },
                Comparison.LessThanOrEqual => field with { Maximum = Number(bound) },
                Comparison.LessThan => field with { Maximum = Number(bound), ExclusiveMaximum = true },
                _ => field,
            };
        }

        return field;
    }

    private static decimal Number(object value) => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);

    private static string JsonName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
