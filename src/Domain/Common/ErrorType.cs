namespace CleanVisitors.Domain.Common;

/// <summary>The kinds of expected failure; each maps to exactly one HTTP status at the edge.</summary>
public enum ErrorType
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Gone,

    /// <summary>Not done now, worth trying again later (a provider that did not answer, work another worker holds).</summary>
    Transient,
}
