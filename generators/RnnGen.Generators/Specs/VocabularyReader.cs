using System;
using System.Collections.Generic;
using System.Globalization;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// A vocabulary file a spec names, read: its tokens (index = 0-based line number) and the index of
/// &lt;UNK&gt; (or -1), or the problems that make it unusable. The pipeline node of one file: equatable data.
/// </summary>
/// <param name="Path">The file's full path as the build gives it.</param>
/// <param name="Tokens">The tokens, or empty when <paramref name="Diagnostics"/> has errors.</param>
/// <param name="UnknownIndex">The line of &lt;UNK&gt;, or -1.</param>
/// <param name="Diagnostics">Problems at their line and column; empty for a usable file.</param>
internal sealed record VocabularyFile(string Path, EquatableArray<string> Tokens, int UnknownIndex, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>What binding a spec needs of the file: everything but the tokens themselves.</summary>
    public VocabularySummary Summary => new(Path, Tokens.Count, UnknownIndex, Diagnostics);
}

/// <summary>
/// A vocabulary without its tokens: what a model's kernels depend on. Renaming a token changes the
/// <see cref="VocabularyFile"/> but not its summary, so the model is not bound or emitted again.
/// </summary>
internal sealed record VocabularySummary(string Path, int Count, int UnknownIndex, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Reads a vocabulary file: one token per line, no blank lines, no spaces or tabs inside a token,
/// no control characters or lone surrogates, at most <see cref="MaxTokenLength"/> characters, no token twice. Problems are reported at the line (and column) where they are.
/// </summary>
internal static class VocabularyReader
{
    /// <summary>The longest token: 100 UTF-16 characters (a generated vocabulary line stays under 140 characters).</summary>
    public const int MaxTokenLength = 100;

    public static VocabularyFile Read(SpecFile file)
    {
        if (file.ReadError is not null)
        {
            return Failed(file, DiagnosticInfo.Create(DiagnosticRules.InternalError, file.Path, TextRange.FileStart, file.ReadError));
        }
        if (file.Refusal is not null)
        {
            return Failed(file, DiagnosticInfo.Create(DiagnosticRules.FileNotRead, file.Path, TextRange.FileStart, file.Refusal));
        }
        if (DiagnosticText.WideEncoding(file.Text) is string encoding)
        {
            return Failed(file, DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, TextRange.FileStart, "1",
                "is not text RnnGen reads: " + encoding + "; save the file as UTF-8"));
        }
        int replaced = file.Text.IndexOf(Utf8Check.Replacement);
        if (file.NotUtf8At >= 0 || replaced >= 0)
        {
            TextRange at = new LineMap(file.Text).Range(file.NotUtf8At >= 0 ? file.NotUtf8At : replaced, 1);
            return Failed(file, DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, at,
                (at.StartLine + 1).ToString(CultureInfo.InvariantCulture),
                "is not text RnnGen reads: " + (file.NotUtf8At >= 0 ? Utf8Check.Message(file.NotUtf8Byte) : Utf8Check.ReplacementMessage)));
        }
        var diagnostics = new List<DiagnosticInfo>();
        int errors = 0;
        var lines = new LineMap(file.Text);
        var tokens = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineCount = lines.LineCount;
        // A final line break ends the last line; it does not start an empty one.
        if (file.Text.Length > 0 && (file.Text[file.Text.Length - 1] == '\n' || file.Text[file.Text.Length - 1] == '\r')) lineCount--;
        if (file.Text.Length == 0) lineCount = 0;

        // Every line is checked, but only the first errors are kept (the rest are counted): a file of a million bad
        // lines costs a million checks, not a million diagnostics.
        void Error(Func<DiagnosticInfo> make)
        {
            if (DiagnosticText.Keeps(++errors)) diagnostics.Add(make());
        }

        for (int line = 0; line < lineCount; line++)
        {
            TextRange range = lines.LineRange(line, file.Text);
            string token = file.Text.Substring(range.Start, range.Length);
            string lineNumber = (line + 1).ToString(CultureInfo.InvariantCulture);
            if (token.Length == 0)
            {
                Error(() => DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, range, lineNumber, "is blank"));
            }
            else if (token.Length > MaxTokenLength)
            {
                Error(() => DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, range, lineNumber,
                    $"is {token.Length.ToString("#,0", CultureInfo.InvariantCulture)} characters long, more than the {MaxTokenLength.ToString(CultureInfo.InvariantCulture)} a token may have"));
            }
            else if (IndexOfUnwritable(token) is int bad and >= 0)
            {
                Error(() => DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, lines.Range(range.Start + bad, 1), lineNumber,
                    $"has {DiagnosticText.Character(token, bad)} at column {(bad + 1).ToString(CultureInfo.InvariantCulture)}"));
            }
            else if (IndexOfWhitespace(token) is int column and >= 0)
            {
                Error(() => DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, lines.Range(range.Start + column, 1), lineNumber,
                    $"has a space or tab at column {column + 1} ('{DiagnosticText.Clip(token.Trim())}')"));
            }
            else if (firstLine.TryGetValue(token, out int first))
            {
                Error(() => DiagnosticInfo.Create(DiagnosticRules.DuplicateToken, file.Path, range, DiagnosticText.Clip(token),
                    (first + 1).ToString(CultureInfo.InvariantCulture), lineNumber));
            }
            else
            {
                firstLine[token] = line;
            }
            tokens.Add(token);
        }

        if (errors > 0) return new VocabularyFile(file.Path, EquatableArray<string>.Empty, -1, DiagnosticText.Capped(diagnostics, errors));
        int unknown = firstLine.TryGetValue(SpecWords.Unknown, out int index) ? index : -1;
        return new VocabularyFile(file.Path, tokens.ToEquatableArray(), unknown, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static VocabularyFile Failed(SpecFile file, params DiagnosticInfo[] diagnostics) =>
        new(file.Path, EquatableArray<string>.Empty, -1, new EquatableArray<DiagnosticInfo>(diagnostics));

    /// <summary>
    /// The first character a token cannot hold, or -1: a control character or a lone surrogate, which the generated
    /// vocabulary (UTF-8 lines) cannot carry and no tokenizer makes. White space is reported as such.
    /// </summary>
    private static int? IndexOfUnwritable(string token)
    {
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            if (char.IsControl(c) && !char.IsWhiteSpace(c)) return i;
            if (char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return i;
        }
        return -1;
    }

    private static int? IndexOfWhitespace(string token)
    {
        for (int i = 0; i < token.Length; i++)
        {
            if (char.IsWhiteSpace(token[i])) return i;
        }
        return -1;
    }
}
