using System.Diagnostics.CodeAnalysis;

namespace CleanVisitors.Domain.Common;

/// <summary>The outcome of an operation that can fail in an expected way.</summary>
public class Result
{
    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    /// <summary>True when there is no <see cref="Error"/> (the compiler knows it: no <c>Error!</c> after checking).</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>The outcome of an operation that yields a value or an expected failure.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T value)
        : base(null) => _value = value;

    private Result(Error error)
        : base(error) => _value = default;

    /// <summary>The value; only read it after checking <see cref="Result.IsSuccess"/>.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed result has no value ({Error.Code}).");

    public static Result<T> Success(T value) => new(value);

    public static new Result<T> Failure(Error error) => new(error);

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}
