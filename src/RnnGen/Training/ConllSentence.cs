using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>One sequence of a CoNLL file: its tokens and their labels as written, and the line each token is on.</summary>
/// <param name="Tokens">The tokens, as written.</param>
/// <param name="Labels">Each token's label, as written.</param>
/// <param name="Lines">Each token's line in the file, from 1.</param>
public sealed record ConllSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Labels, IReadOnlyList<int> Lines);

/// <summary>What is wrong with one line of a CoNLL file.</summary>
/// <param name="Source">The file (as the caller named it).</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ConllError(string Source, int Line, string Message)
{
    /// <summary><c>source:line: message</c>, as compilers and grep print a place in a file.</summary>
    /// <returns>The error on one line.</returns>
    public override string ToString() => FormattableString.Invariant($"{Source}:{Line}: {Message}");
}

/// <summary>A CoNLL file that cannot be read as the model's training or evaluation data, with every error found (up to <see cref="ConllReader.MaxErrors"/>).</summary>
public sealed class ConllException : Exception
{
    /// <summary>Creates the exception; its message is the first error and how many more there are.</summary>
    /// <param name="errors">At least one error.</param>
    public ConllException(IReadOnlyList<ConllError> errors)
        : base(Summary(errors))
    {
        Errors = errors;
    }

    /// <summary>The errors, in line order.</summary>
    public IReadOnlyList<ConllError> Errors { get; }

    private static string Summary(IReadOnlyList<ConllError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("There is no error.", nameof(errors));
        return errors.Count == 1
            ? errors[0].ToString()
            : FormattableString.Invariant($"{errors[0]} (and {errors.Count - 1} more error{(errors.Count == 2 ? "" : "s")})");
    }
}
