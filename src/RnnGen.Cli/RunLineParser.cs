using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RnnGen.Cli;

/// <summary>Turns one input line of <c>rnngen run</c> into a sequence, or says (with the line number) why it cannot.</summary>
internal static class RunLineParser
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\v', '\f'];

    /// <summary>Words or integer ids for a one-hot model (see <see cref="InputFormat"/>); an empty line is an empty sequence.</summary>
    public static Result<RunSequence.OneHot> OneHot(RnnModelInfo info, Vocabulary? vocabulary, InputFormat format, string line, long lineNumber)
    {
        string[] fields = Fields(line);
        if (fields.Length == 0) return Result<RunSequence.OneHot>.Ok(new RunSequence.OneHot([], []));
        bool asIds = format switch
        {
            InputFormat.Ids => true,
            InputFormat.Text => false,
            _ => fields.All(LooksLikeInteger),
        };
        return asIds ? Ids(info, vocabulary, fields, lineNumber) : Text(info, vocabulary, line, lineNumber);
    }

    /// <summary>Whitespace-separated floats for a dense model: a whole number of steps of InputSize values each.</summary>
    public static Result<RunSequence.Dense> Dense(RnnModelInfo info, string line, long lineNumber)
    {
        string[] fields = Fields(line);
        var values = new float[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                return Failure.BadInput($"line {Numbers.Int(lineNumber)}: '{Numbers.Clip(fields[i])}' (value {Numbers.Int(i + 1)}) is not a finite number");
            }
        }
        if (values.Length % info.InputSize != 0)
        {
            return Failure.BadInput(
                $"line {Numbers.Int(lineNumber)}: {Numbers.Int(values.Length)} values is not a whole number of steps of {Numbers.Size(info.InputSize)} (model '{info.Key}' has input size {Numbers.Size(info.InputSize)})");
        }
        return Result<RunSequence.Dense>.Ok(new RunSequence.Dense(values));
    }

    private static Result<RunSequence.OneHot> Ids(RnnModelInfo info, Vocabulary? vocabulary, string[] fields, long lineNumber)
    {
        var ids = new int[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            if (!LooksLikeInteger(fields[i]))
            {
                return Failure.BadInput($"line {Numbers.Int(lineNumber)}: '{Numbers.Clip(fields[i])}' (token {Numbers.Int(i + 1)}) is not an integer token id");
            }
            if (!int.TryParse(fields[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ids[i])
                || ids[i] < 0 || ids[i] >= info.InputSize)
            {
                return Failure.BadInput(
                    $"line {Numbers.Int(lineNumber)}: token id {Numbers.Clip(fields[i])} (token {Numbers.Int(i + 1)}) is out of range; model '{info.Key}' reads ids 0 to {Numbers.Int(info.InputSize - 1)}");
            }
        }
        IReadOnlyList<string> tokens = ids.Select(id => vocabulary is null ? Numbers.Int(id) : vocabulary[id]).ToArray();
        return Result<RunSequence.OneHot>.Ok(new RunSequence.OneHot(tokens, ids));
    }

    private static Result<RunSequence.OneHot> Text(RnnModelInfo info, Vocabulary? vocabulary, string line, long lineNumber)
    {
        if (vocabulary is null)
        {
            return Failure.BadInput($"line {Numbers.Int(lineNumber)}: model '{info.Key}' has no vocabulary, so it reads only integer token ids");
        }
        IReadOnlyList<string> tokens = Tokenizer.Tokenize(line, info.Tokenizer);
        return Result<RunSequence.OneHot>.Ok(new RunSequence.OneHot(tokens, vocabulary.Encode(tokens)));
    }

    private static string[] Fields(string line) => line.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An optional sign and ASCII digits only, of any length (so a too-large id is "out of range", not text).</summary>
    private static bool LooksLikeInteger(string field)
    {
        ReadOnlySpan<char> digits = field.AsSpan(field.Length > 1 && field[0] is '-' or '+' ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
