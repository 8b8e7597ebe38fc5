using System;
using System.Collections.Generic;
using System.Text;

namespace RnnGen;

/// <summary>Turns text into the tokens a one-hot model's vocabulary holds.</summary>
public static class Tokenizer
{
    /// <summary>
    /// The words of <paramref name="text"/>: maximal runs of letters (with their combining marks), digits,
    /// apostrophes (<c>'</c>, <c>’</c>) and hyphens (<c>-</c>, <c>‐</c>), where apostrophes and hyphens count only
    /// inside a word ("O'Brien", "well-known"; the quotes of <c>'quoted'</c> are dropped). Everything else,
    /// whitespace and punctuation, separates words and is dropped.
    /// </summary>
    /// <example>"Sam Li and Tom date on Tuesday." gives Sam, Li, and, Tom, date, on, Tuesday.</example>
    /// <param name="text">Any text.</param>
    /// <returns>The words, in order.</returns>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        int start = -1; // start of the current run, or -1 outside one
        int index = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            bool inWord = IsWordCore(rune) || IsJoiner(rune);
            if (inWord && start < 0) start = index;
            if (!inWord && start >= 0)
            {
                AddTrimmed(words, text.AsSpan(start, index - start));
                start = -1;
            }
            index += rune.Utf16SequenceLength;
        }
        if (start >= 0) AddTrimmed(words, text.AsSpan(start));
        return words.ToArray();
    }

    /// <summary>
    /// Every non-whitespace character of <paramref name="text"/> as its own upper-cased token
    /// (invariant culture), e.g. "acgtn" gives A, C, G, T, N.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>One token per non-whitespace character (per Unicode scalar value), in order.</returns>
    public static IReadOnlyList<string> Characters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune)) tokens.Add(Rune.ToUpperInvariant(rune).ToString());
        }
        return tokens.ToArray();
    }

    /// <summary>
    /// Every character of <paramref name="text"/> (every Unicode scalar value) as its own token, exactly as written:
    /// case, spaces, tabs and line breaks are kept ("\r\n" becomes one "\n"), for models that must write text back
    /// (a generator of ABC tunes: "X:1\nK:G" gives X, :, 1, \n, K, :, G).
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>One token per character, in order.</returns>
    public static IReadOnlyList<string> Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (text[i] == '\r') { tokens.Add("\n"); continue; }
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                tokens.Add(text.Substring(i, 2));
                i++;
                continue;
            }
            char c = text[i];
            tokens.Add(c < Ascii.Length ? Ascii[c] : c.ToString());
        }
        return tokens.ToArray();
    }

    /// <summary>The ASCII characters as strings, so that an ASCII text costs no string per character.</summary>
    private static readonly string[] Ascii = CharacterStrings(128);

    private static string[] CharacterStrings(int count)
    {
        var strings = new string[count];
        for (int c = 0; c < count; c++) strings[c] = ((char)c).ToString();
        return strings;
    }

    /// <summary>Tokenizes <paramref name="text"/> with the tokenizer a spec names.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="tokenizer"><c>words</c> (<see cref="Words"/>), <c>characters</c> (<see cref="Characters"/>) or <c>text</c> (<see cref="Text"/>).</param>
    /// <returns>The tokens, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenizer"/> is none of these names.</exception>
    public static IReadOnlyList<string> Tokenize(string text, string tokenizer) => tokenizer switch
    {
        SpecWords.Words => Words(text),
        SpecWords.Characters => Characters(text),
        SpecWords.Text => Text(text),
        _ => throw new ArgumentException(
            $"Unknown tokenizer '{tokenizer}'; expected '{SpecWords.Words}', '{SpecWords.Characters}' or '{SpecWords.Text}'.", nameof(tokenizer)),
    };

    private static bool IsWordCore(Rune rune) =>
        Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static bool IsJoiner(Rune rune) => rune.Value is '\'' or '\u2019' or '-' or '\u2010';

    private static void AddTrimmed(List<string> words, ReadOnlySpan<char> run)
    {
        ReadOnlySpan<char> word = run.Trim("'\u2019-\u2010");
        if (!word.IsEmpty) words.Add(word.ToString());
    }
}
