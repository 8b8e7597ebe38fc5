using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RnnGen.Training;

/// <summary>
/// Reads CoNLL-style tagged text: one <c>token label</c> a line, the two separated by tabs or spaces; a blank line (or
/// one of only spaces and tabs) between sequences; lines whose first character is <c>#</c> are comments and are skipped
/// without ending a sequence (so a token cannot start with <c>#</c>); a line whose first field is <c>-DOCSTART-</c>
/// (CoNLL-2003's document marker, with any columns) ends a sequence and is skipped. Lines end at <c>\n</c>, <c>\r\n</c>
/// or <c>\r</c>.
/// </summary>
/// <remarks>
/// A line is malformed when it starts with a space or tab (its token is empty), has no label, has more than two columns
/// (CoNLL-2003's four columns: keep the token and the last, e.g. <c>awk '{print $1, $NF}'</c>), holds a control
/// character, or is longer than <see cref="MaxLineLength"/>. Every malformed line is reported with its file and line
/// number, up to <see cref="MaxErrors"/>, in one <see cref="ConllException"/>.
/// </remarks>
public static class ConllReader
{
    /// <summary>The marker of a document's start in CoNLL-2003 files; such lines are skipped.</summary>
    public const string DocumentStart = "-DOCSTART-";

    /// <summary>The longest line read, in characters (a token and its label are far shorter; a longer line stops the reading).</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>How many errors are reported before the reading stops.</summary>
    public const int MaxErrors = 20;

    /// <summary>Reads the CoNLL file at <paramref name="path"/> (UTF-8, with or without a byte-order mark).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The sequences, in file order; none is empty.</returns>
    /// <exception cref="ConllException">A line is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<ConllSentence> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads CoNLL text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">What errors call the text (its file name).</param>
    /// <returns>The sequences, in order; none is empty.</returns>
    /// <exception cref="ConllException">A line is malformed.</exception>
    public static IReadOnlyList<ConllSentence> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var sentences = new List<ConllSentence>();
        var errors = new List<ConllError>();
        var tokens = new List<string>();
        var labels = new List<string>();
        var lines = new List<int>();
        var fields = new List<string>(2);
        var lineReader = new LineReader(reader);
        int number = 0;
        while (errors.Count < MaxErrors)
        {
            string? line = lineReader.Next(out bool tooLong);
            if (line is null) break;
            number++;
            if (tooLong)
            {
                errors.Add(new ConllError(source, number, FormattableString.Invariant(
                    $"the line is longer than {MaxLineLength:N0} characters; expected a token and its label (is this a CoNLL file?)")));
                break;
            }
            if (line.Length > 0 && line[0] == '#') continue;
            if (IsBlank(line))
            {
                EndSentence();
                continue;
            }
            if (Fields(line, fields) is string problem)
            {
                errors.Add(new ConllError(source, number, problem));
                continue;
            }
            if (fields[0] == DocumentStart)
            {
                EndSentence();
                continue;
            }
            if (line[0] is ' ' or '\t')
            {
                errors.Add(new ConllError(source, number,
                    $"the token is empty (the line starts with {(line[0] == ' ' ? "a space" : "a tab")}); expected 'token<TAB>label'"));
                continue;
            }
            if (fields.Count == 1)
            {
                errors.Add(new ConllError(source, number, $"the token '{Clip(fields[0])}' has no label; expected 'token<TAB>label'"));
                continue;
            }
            if (fields.Count > 2)
            {
                errors.Add(new ConllError(source, number, FormattableString.Invariant(
                    $"{fields.Count} columns; expected 2, a token and its label (of CoNLL-2003's columns keep the first and the last)")));
                continue;
            }
            tokens.Add(fields[0]);
            labels.Add(fields[1]);
            lines.Add(number);
        }
        EndSentence();
        if (errors.Count > 0) throw new ConllException(errors);
        return sentences;

        void EndSentence()
        {
            if (tokens.Count == 0) return;
            sentences.Add(new ConllSentence(tokens.ToArray(), labels.ToArray(), lines.ToArray()));
            tokens.Clear();
            labels.Clear();
            lines.Clear();
        }
    }

    private static bool IsBlank(string line)
    {
        foreach (char c in line) if (c is not (' ' or '\t')) return false;
        return true;
    }

    /// <summary>Splits the line at runs of spaces and tabs into <paramref name="fields"/>, or says what is wrong with it.</summary>
    private static string? Fields(string line, List<string> fields)
    {
        fields.Clear();
        int start = -1;
        for (int i = 0; i <= line.Length; i++)
        {
            char c = i < line.Length ? line[i] : ' ';
            if (c is ' ' or '\t')
            {
                if (start >= 0) fields.Add(line[start..i]);
                start = -1;
                continue;
            }
            if (char.IsControl(c))
            {
                return FormattableString.Invariant(
                    $"the line holds the control character U+{(int)c:X4} at column {i + 1}; expected text, a token and its label (is this a text file?)");
            }
            if (start < 0) start = i;
        }
        return null;
    }

    private static string Clip(string text) =>
        text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>Lines of at most <see cref="MaxLineLength"/> characters, read in blocks so that no input can hold more in memory.</summary>
    private sealed class LineReader(TextReader reader)
    {
        private readonly char[] buffer = new char[8192];
        private readonly StringBuilder line = new();
        private int position;
        private int filled;
        private bool afterCr;

        public string? Next(out bool tooLong)
        {
            tooLong = false;
            line.Clear();
            bool any = false;
            while (true)
            {
                if (position == filled)
                {
                    filled = reader.Read(buffer, 0, buffer.Length);
                    position = 0;
                    if (filled == 0) return any ? line.ToString() : null;
                }
                if (afterCr)
                {
                    afterCr = false;
                    if (buffer[position] == '\n')
                    {
                        position++;
                        continue;
                    }
                }
                any = true;
                ReadOnlySpan<char> rest = buffer.AsSpan(position, filled - position);
                int end = rest.IndexOfAny('\r', '\n');
                ReadOnlySpan<char> piece = end < 0 ? rest : rest[..end];
                if (line.Length + piece.Length > MaxLineLength)
                {
                    tooLong = true;
                    return string.Empty;
                }
                line.Append(piece);
                if (end < 0)
                {
                    position = filled;
                    continue;
                }
                afterCr = rest[end] == '\r';
                position += end + 1;
                return line.ToString();
            }
        }
    }
}
