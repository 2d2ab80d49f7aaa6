namespace CleanVisitors.Application.Common.Validation;

/// <summary>What a validator that takes only some values tells anything reading the rules (the OpenAPI document's <c>enum</c>).</summary>
public interface IAllowedValuesValidator
{
    IReadOnlyList<string> Values { get; }
}
