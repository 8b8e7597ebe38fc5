using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Diagnostics;

/// <summary>
/// How a message shows text that came from an input file: never all of it when it is long, so that a 10,000-digit size
/// or a megabyte-long property name costs a line in the error list, not the build's log.
/// </summary>
internal static class DiagnosticText
{
    /// <summary>The most characters of a value from a file that a message shows.</summary>
    public const int MaxValueLength = 80;

    /// <summary>The most characters of any one message argument (a safety net for values no site clipped).</summary>
    public const int MaxArgumentLength = 1000;

    /// <summary>
    /// <paramref name="value"/>, or when it is longer than <paramref name="max"/> its start and
    /// "… (12,345 characters)", cut between characters (never inside a surrogate pair).
    /// </summary>
    /// <remarks>
    /// Invisible characters (controls, format characters such as U+200B, spaces other than ' ', lone surrogates) are
    /// written as <c>\u200B</c>, so that 'tanh\u200B' does not read as 'tanh' in the error list.
    /// </remarks>
    public static string Clip(string value, int max = MaxValueLength)
    {
        if (value.Length <= max) return Visible(value);
        int keep = max;
        if (char.IsHighSurrogate(value[keep - 1])) keep--;
        return Visible(value.Substring(0, keep)) + "… (" + value.Length.ToString("#,0", CultureInfo.InvariantCulture) + " characters)";
    }

    /// <summary><paramref name="value"/> with every invisible character written as <c>\uXXXX</c>.</summary>
    public static string Visible(string value)
    {
        int i = 0;
        while (i < value.Length && !IsInvisible(value, i)) i++;
        if (i == value.Length) return value;
        var sb = new System.Text.StringBuilder(value.Length + 8);
        for (int k = 0; k < value.Length; k++)
        {
            if (IsInvisible(value, k)) sb.Append("\\u").Append(((int)value[k]).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(value[k]);
        }
        return sb.ToString();
    }

    /// <summary>Whether the character at <paramref name="i"/> shows nothing (or nothing one can tell from a space) when printed.</summary>
    public static bool IsInvisible(string value, int i)
    {
        char c = value[i];
        if (c == ' ') return false;
        if (char.IsHighSurrogate(c)) return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(value[i - 1]);
        if (char.IsControl(c) || char.IsWhiteSpace(c)) return true;
        UnicodeCategory category = char.GetUnicodeCategory(c);
        return category == UnicodeCategory.Format || c == '\u115F' || c == '\u1160' || c == '\u3164' || c == '\uFFA0' || c == '\u034F';
    }

    /// <summary>
    /// The character at <paramref name="i"/> of <paramref name="value"/> as a message names it: "'-'", "'è' (U+00E8)", "a space",
    /// "the invisible character U+200B (zero width space)", "the control character U+0001".
    /// </summary>
    public static string Character(string value, int i)
    {
        char c = value[i];
        if (c == ' ') return "a space";
        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            return $"'{value.Substring(i, 2)}' (U+{char.ConvertToUtf32(c, value[i + 1]):X4})";
        }
        string code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        if (char.IsSurrogate(c)) return $"the lone surrogate {code}";
        if (char.IsControl(c) && c != '\u0085') return $"the control character {code}";
        if (IsInvisible(value, i)) return Names.TryGetValue(c, out string? name) ? $"the invisible character {code} ({name})" : $"the invisible character {code}";
        return c < 0x7F ? $"'{c}'" : $"'{c}' ({code})";
    }

    /// <summary>
    /// "the file looks like UTF-16 (little-endian) without a byte-order mark: every other character is U+0000" when the
    /// text is what UTF-16 or UTF-32 without a byte-order mark gives when read as UTF-8 (as the build reads it), else
    /// null. With a byte-order mark the build reads either correctly.
    /// </summary>
    public static string? WideEncoding(string text)
    {
        int n = Math.Min(text.Length, 4096);
        int even = 0, odd = 0;
        for (int i = 0; i < n; i++)
        {
            if (text[i] != '\0') continue;
            if (i % 2 == 0) even++; else odd++;
        }
        int zeros = even + odd;
        if (n == 0 || zeros * 10 < n * 3) return null;
        if (zeros * 10 >= n * 6) return "the file looks like UTF-32 without a byte-order mark: three characters in four are U+0000";
        string order = odd >= even ? "little-endian" : "big-endian";
        return $"the file looks like UTF-16 ({order}) without a byte-order mark: every other character is U+0000";
    }

    /// <summary>The names of the invisible characters one finds pasted into text.</summary>
    private static readonly Dictionary<char, string> Names = new()
    {
        ['\u00A0'] = "no-break space", ['\u00AD'] = "soft hyphen", ['\u0085'] = "next line", ['\u034F'] = "combining grapheme joiner",
        ['\u061C'] = "Arabic letter mark", ['\u180E'] = "Mongolian vowel separator", ['\u2000'] = "en quad", ['\u2001'] = "em quad",
        ['\u2002'] = "en space", ['\u2003'] = "em space", ['\u2007'] = "figure space", ['\u2009'] = "thin space", ['\u200A'] = "hair space",
        ['\u200B'] = "zero width space", ['\u200C'] = "zero width non-joiner", ['\u200D'] = "zero width joiner",
        ['\u200E'] = "left-to-right mark", ['\u200F'] = "right-to-left mark", ['\u2028'] = "line separator", ['\u2029'] = "paragraph separator",
        ['\u202A'] = "left-to-right embedding", ['\u202B'] = "right-to-left embedding", ['\u202C'] = "pop directional formatting",
        ['\u202D'] = "left-to-right override", ['\u202E'] = "right-to-left override", ['\u202F'] = "narrow no-break space",
        ['\u205F'] = "medium mathematical space", ['\u2060'] = "word joiner", ['\u2066'] = "left-to-right isolate",
        ['\u2067'] = "right-to-left isolate", ['\u2068'] = "first strong isolate", ['\u2069'] = "pop directional isolate",
        ['\u3000'] = "ideographic space", ['\u3164'] = "Hangul filler", ['\uFEFF'] = "zero width no-break space, the byte-order mark",
    };

    /// <summary>The most errors reported for one file; the rest are counted in one <see cref="DiagnosticRules.TooManyProblems"/>.</summary>
    public const int MaxErrorsPerFile = 100;

    /// <summary>
    /// Every warning, and the first <see cref="MaxErrorsPerFile"/> errors, of one file's diagnostics; past them, one
    /// RNN0032 at the first error not reported, which counts them: a spec with 200,000 unknown properties costs 101
    /// lines, not 45 MB. <paramref name="errors"/> is the number of errors found, of which <paramref name="diagnostics"/>
    /// need to hold only the first <see cref="MaxErrorsPerFile"/> + 1 (a step that finds more can stop keeping them).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Capped(IReadOnlyList<DiagnosticInfo> diagnostics, int errors)
    {
        if (errors <= MaxErrorsPerFile) return diagnostics.ToEquatableArray();
        var kept = new List<DiagnosticInfo>();
        int seen = 0;
        foreach (DiagnosticInfo d in diagnostics)
        {
            if (d.Rule.Severity != RuleSeverity.Error) { kept.Add(d); continue; }
            seen++;
            if (seen <= MaxErrorsPerFile) kept.Add(d);
            else if (seen == MaxErrorsPerFile + 1)
            {
                kept.Add(DiagnosticInfo.Create(DiagnosticRules.TooManyProblems, d.FilePath, d.Range,
                    (errors - MaxErrorsPerFile).ToString("#,0", CultureInfo.InvariantCulture), MaxErrorsPerFile.ToString(CultureInfo.InvariantCulture)));
            }
        }
        return kept.ToEquatableArray();
    }

    /// <summary>Whether a step that has found <paramref name="errors"/> errors so far still needs to keep the next one.</summary>
    public static bool Keeps(int errors) => errors <= MaxErrorsPerFile + 1;
}
