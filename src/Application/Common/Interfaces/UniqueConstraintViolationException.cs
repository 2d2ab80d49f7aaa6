namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>A write broke a unique index (named by <see cref="ConstraintName"/>), typically a race two requests ran.</summary>
public sealed class UniqueConstraintViolationException(string? constraintName, Exception innerException)
    : Exception($"Unique constraint {constraintName} violated.", innerException)
{
    public string? ConstraintName { get; } = constraintName;
}
