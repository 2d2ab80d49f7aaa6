namespace CleanVisitors.Domain.Common;

/// <summary>An expected failure: typed, with a stable code and a message fit for a client.</summary>
public sealed record Error(string Code, string Description, ErrorType Type)
{
    /// <summary>For <see cref="ErrorType.Validation"/>: field → messages.</summary>
    public IReadOnlyDictionary<string, string[]>? ValidationErrors { get; init; }

    /// <summary>Extra, non-personal facts a client may act on (e.g. <c>currentStatus</c>, <c>existingId</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Error NotFound(string code, string description) => new(code, description, ErrorType.NotFound);

    public static Error Conflict(string code, string description) => new(code, description, ErrorType.Conflict);

    public static Error Forbidden(string code, string description) => new(code, description, ErrorType.Forbidden);

    public static Error Gone(string code, string description) => new(code, description, ErrorType.Gone);

    public static Error Transient(string code, string description) => new(code, description, ErrorType.Transient);

    public static Error Unauthorized(string code, string description) => new(code, description, ErrorType.Unauthorized);

    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new("validation_failed", "One or more fields are invalid.", ErrorType.Validation) { ValidationErrors = errors };
}
