namespace CleanVisitors.Api.OpenApi;

/// <summary>What the FluentValidation rules say about one field, as JSON Schema can say it.</summary>
internal sealed record FieldFacts
{
    /// <summary>An unconditional NotNull or NotEmpty: the field must be sent.</summary>
    public bool Required { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public string? Format { get; init; }

    public IReadOnlyList<string>? AllowedValues { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public bool ExclusiveMaximum { get; init; }
}
