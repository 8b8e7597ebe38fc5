using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RnnGen.Data.Conll;

/// <summary>
/// The CoNLL-style files this tool writes and reads: UTF-8 without a byte-order mark, LF line endings, one
/// <c>token&lt;TAB&gt;label</c> a line, one blank line after every sentence (so the file ends with a blank line).
/// A token or label never holds whitespace or a control character, so each line splits at its one tab.
/// </summary>
public static class ConllFormat
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="sentences"/> in the format.</summary>
    public static string Write(IEnumerable<ConllSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var text = new StringBuilder();
        foreach (ConllSentence sentence in sentences)
        {
            for (int i = 0; i < sentence.Count; i++) text.Append(sentence.Tokens[i]).Append('\t').Append(sentence.Labels[i]).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="sentences"/> to <paramref name="path"/> (overwriting it).</summary>
    public static void WriteFile(string path, IEnumerable<ConllSentence> sentences) => File.WriteAllText(path, Write(sentences), Utf8);

    /// <summary>Reads a file in the format; see <see cref="Read(string, string)"/>.</summary>
    public static IReadOnlyList<ConllSentence> ReadFile(string path) => Read(File.ReadAllText(path, Utf8), path);

    /// <summary>
    /// The sentences of <paramref name="text"/>. Blank lines separate sentences (several in a row are one break; a
    /// missing final blank line is accepted). A line that is not <c>token&lt;TAB&gt;label</c> is an error naming the
    /// file and line.
    /// </summary>
    /// <exception cref="FormatException">A malformed line, with <paramref name="fileName"/> and its 1-based line number.</exception>
    public static IReadOnlyList<ConllSentence> Read(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<ConllSentence>();
        var tokens = new List<string>();
        var labels = new List<string>();
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1 || line.IndexOf('\t', tab + 1) >= 0 || !IsField(line.AsSpan(0, tab)) || !IsField(line.AsSpan(tab + 1)))
            {
                throw new FormatException(FormattableString.Invariant(
                    $"{fileName}({lineNumber}): expected 'token<TAB>label' (one tab, no spaces), got '{Clip(line)}'."));
            }
            tokens.Add(line[..tab]);
            labels.Add(line[(tab + 1)..]);
        }
        Flush();
        return sentences;

        void Flush()
        {
            if (tokens.Count == 0) return;
            sentences.Add(new ConllSentence(tokens.ToArray(), labels.ToArray()));
            tokens.Clear();
            labels.Clear();
        }
    }

    /// <summary>Throws unless <paramref name="value"/> can be a token or a label: non-empty, no whitespace, no control character.</summary>
    /// <exception cref="ArgumentException">It cannot.</exception>
    public static void CheckField(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsField(value))
        {
            throw new ArgumentException($"A CoNLL {what} must be non-empty without whitespace or control characters: '{Clip(value)}'.", nameof(value));
        }
    }

    private static bool IsField(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return false;
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
        }
        return true;
    }

    private static string Clip(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
