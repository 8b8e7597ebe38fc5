using System;
using System.Collections.Generic;
using System.Text;

namespace RnnGen.Data.Music;

/// <summary>
/// Cuts ABC files into tunes and cleans each one the same way, so that the training text holds music and headers and
/// not the notes its authors wrote to each other:
/// <list type="bullet">
/// <item>a tune starts at a line that begins with <c>X:</c> and ends at the next blank line (ABC's tune separator), at
/// the next <c>X:</c> line, or at the end of the file; what stands between tunes (file headers, free text, the
/// <c>%%</c> settings of a whole file) is not part of any tune;</item>
/// <item>inside a tune, a line that begins with <c>%</c> (a comment, or a <c>%%</c> directive of one program) is left
/// out, and so is everything from an unescaped <c>%</c> to the end of a line (<c>\%</c> is kept);</item>
/// <item>runs of white space become one space, spaces at either end of a line are dropped, and a line left empty is
/// left out (it does not end the tune: it was a comment);</item>
/// <item>the kept lines end in LF.</item>
/// </list>
/// Cleaning is idempotent: the cleaned tunes, written one after another with a blank line between them
/// (<see cref="Write"/>), read back as the same tunes.
/// </summary>
public static class AbcCorpus
{
    /// <summary>The tunes of one ABC file, in file order.</summary>
    /// <param name="file">The file's name, for <see cref="AbcTune.File"/>.</param>
    /// <param name="text">The file's text (LF, CRLF or CR line ends).</param>
    public static IReadOnlyList<AbcTune> Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        var tunes = new List<AbcTune>();
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        StringBuilder? tune = null;
        int start = 0;
        string number = "";
        void End()
        {
            if (tune is not null) tunes.Add(new AbcTune(file, start, number, tune.ToString()));
            tune = null;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i];
            if (raw.StartsWith("X:", StringComparison.Ordinal))
            {
                End();
                tune = new StringBuilder();
                start = i + 1;
                number = StripComment(raw[2..]).Trim();
            }
            if (tune is null) continue;
            if (string.IsNullOrWhiteSpace(raw))
            {
                End();
                continue;
            }
            if (raw.StartsWith('%')) continue;
            string line = Clean(raw);
            if (line.Length > 0) tune.Append(line).Append('\n');
        }
        End();
        return tunes;
    }

    /// <summary>One line as a tune keeps it: its comment cut off, white space runs made one space, trimmed.</summary>
    public static string Clean(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string kept = StripComment(line);
        var text = new StringBuilder(kept.Length);
        bool space = false;
        foreach (Rune rune in kept.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = text.Length > 0;
                continue;
            }
            if (space) text.Append(' ');
            space = false;
            text.Append(rune.ToString());
        }
        return text.ToString();
    }

    /// <summary>The tunes' texts one after another, a blank line after each: what <see cref="Read"/> reads back.</summary>
    public static string Write(IEnumerable<AbcTune> tunes)
    {
        ArgumentNullException.ThrowIfNull(tunes);
        var text = new StringBuilder();
        foreach (AbcTune tune in tunes) text.Append(tune.Text).Append('\n');
        return text.ToString();
    }

    /// <summary>The line up to its first <c>%</c> that no backslash escapes.</summary>
    private static string StripComment(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '%' && (i == 0 || line[i - 1] != '\\')) return line[..i];
        }
        return line;
    }
}
