using System;

namespace RnnGen.Cli;

/// <summary>A value, or the <see cref="Failure"/> that prevented it: errors as values, not exceptions.</summary>
internal readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Failure? failure)
    {
        this.value = value;
        Failure = failure;
    }

    /// <summary>Why there is no value, or null when there is one.</summary>
    public Failure? Failure { get; }

    /// <summary>The value; only valid when <see cref="Failure"/> is null.</summary>
    public T Value => Failure is null ? value! : throw new InvalidOperationException("The result is a failure: " + Failure.Message);

    public static Result<T> Ok(T value) => new(value, null);

    public static implicit operator Result<T>(Failure failure) => new(default, failure);

    /// <summary>Applies <paramref name="next"/> to the value, or passes the failure on.</summary>
    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next) => Failure is null ? next(Value) : Failure;

    /// <summary>Maps the value, or passes the failure on.</summary>
    public Result<TNext> Map<TNext>(Func<T, TNext> map) => Failure is null ? Result<TNext>.Ok(map(Value)) : Failure;
}
