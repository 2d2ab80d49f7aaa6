using System.Diagnostics.CodeAnalysis;

namespace CleanVisitors.Domain.Common;

/// <summary>
/// The outcome of an operation that can fail in an expected way. Early returns read as a chain (in ErrorOr's style):
/// <see cref="Then(Func{Result})"/> runs the next step only after a success and carries a failure through unchanged;
/// <see cref="Match{TOut}(Func{TOut}, Func{Error, TOut})"/> turns either outcome into one answer.
/// </summary>
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

    /// <summary><paramref name="onSuccess"/>'s answer after a success, <paramref name="onFailure"/>'s for the error otherwise.</summary>
    public TOut Match<TOut>(Func<TOut> onSuccess, Func<Error, TOut> onFailure) => IsSuccess ? onSuccess() : onFailure(Error);

    /// <summary>The next step's outcome after a success; this failure otherwise, without running it.</summary>
    public Result Then(Func<Result> next) => IsSuccess ? next() : this;

    /// <inheritdoc cref="Then(Func{Result})"/>
    public Result<TNext> Then<TNext>(Func<Result<TNext>> next) => IsSuccess ? next() : Error;

    /// <inheritdoc cref="Then(Func{Result})"/>
    public async Task<Result> ThenAsync(Func<Task<Result>> next) => IsSuccess ? await next() : this;

    /// <inheritdoc cref="Then(Func{Result})"/>
    public async Task<Result<TNext>> ThenAsync<TNext>(Func<Task<Result<TNext>>> next) => IsSuccess ? await next() : Error;
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

    /// <summary><paramref name="onValue"/>'s answer for the value, <paramref name="onFailure"/>'s for the error.</summary>
    public TOut Match<TOut>(Func<T, TOut> onValue, Func<Error, TOut> onFailure) => IsSuccess ? onValue(_value!) : onFailure(Error);

    /// <summary>The next step's outcome for the value; this failure otherwise, without running it.</summary>
    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next) => IsSuccess ? next(_value!) : Error;

    /// <inheritdoc cref="Then{TNext}(Func{T, Result{TNext}})"/>
    public Result Then(Func<T, Result> next) => IsSuccess ? next(_value!) : Error;

    /// <inheritdoc cref="Then{TNext}(Func{T, Result{TNext}})"/>
    public async Task<Result<TNext>> ThenAsync<TNext>(Func<T, Task<Result<TNext>>> next) => IsSuccess ? await next(_value!) : Error;

    /// <inheritdoc cref="Then{TNext}(Func{T, Result{TNext}})"/>
    public async Task<Result> ThenAsync(Func<T, Task<Result>> next) => IsSuccess ? await next(_value!) : Error;
}
