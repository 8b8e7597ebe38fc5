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

    /// <summary>Tokenizes <paramref name="text"/> with the tokenizer a spec names.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="tokenizer"><c>words</c> (<see cref="Words"/>) or <c>characters</c> (<see cref="Characters"/>).</param>
    /// <returns>The tokens, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenizer"/> is neither name.</exception>
    public static IReadOnlyList<string> Tokenize(string text, string tokenizer) => tokenizer switch
    {
        SpecWords.Words => Words(text),
        SpecWords.Characters => Characters(text),
        _ => throw new ArgumentException(
            $"Unknown tokenizer '{tokenizer}'; expected '{SpecWords.Words}' or '{SpecWords.Characters}'.", nameof(tokenizer)),
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
