using System;
using System.Collections.Generic;
using System.Globalization;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>A vocabulary file read into tokens: index = 0-based line number.</summary>
internal sealed record VocabularyContents(EquatableArray<string> Tokens, int UnknownIndex);

/// <summary>
/// Reads a vocabulary file: one token per line, no blank lines, no spaces or tabs inside a token,
/// no token twice. Problems are reported at the line (and column) where they are.
/// </summary>
internal static class VocabularyReader
{
    public const string UnknownToken = "<UNK>";

    /// <summary>At most this many problems are reported per file; a broken file would otherwise flood the error list.</summary>
    private const int MaxReported = 20;

    public static (VocabularyContents? Contents, List<DiagnosticInfo> Diagnostics) Read(SpecFile file)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var lines = new LineMap(file.Text);
        var tokens = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineCount = lines.LineCount;
        // A final line break ends the last line; it does not start an empty one.
        if (file.Text.Length > 0 && (file.Text[file.Text.Length - 1] == '\n' || file.Text[file.Text.Length - 1] == '\r')) lineCount--;
        if (file.Text.Length == 0) lineCount = 0;

        for (int line = 0; line < lineCount && diagnostics.Count < MaxReported; line++)
        {
            TextRange range = lines.LineRange(line, file.Text);
            string token = file.Text.Substring(range.Start, range.Length);
            string lineNumber = (line + 1).ToString(CultureInfo.InvariantCulture);
            if (token.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, range, lineNumber, "is blank"));
            }
            else if (IndexOfWhitespace(token) is int column and >= 0)
            {
                TextRange at = lines.Range(range.Start + column, 1);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.InvalidToken, file.Path, at, lineNumber,
                    $"has a space or tab at column {column + 1} ('{token.Trim()}')"));
            }
            else if (firstLine.TryGetValue(token, out int first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticRules.DuplicateToken, file.Path, range, token,
                    (first + 1).ToString(CultureInfo.InvariantCulture), lineNumber));
            }
            else
            {
                firstLine[token] = line;
            }
            tokens.Add(token);
        }

        if (diagnostics.Count > 0) return (null, diagnostics);
        int unknown = firstLine.TryGetValue(UnknownToken, out int index) ? index : -1;
        return (new VocabularyContents(tokens.ToEquatableArray(), unknown), diagnostics);
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
