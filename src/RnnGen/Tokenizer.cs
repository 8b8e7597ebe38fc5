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
        foreach (Range word in new TokenEnumerator(text, characters: false)) words.Add(text[word]);
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
        Span<char> upper = stackalloc char[2];
        var walk = new TokenEnumerator(text, characters: true);
        while (walk.MoveNext()) tokens.Add(new string(upper[..walk.CopyCurrent(upper)]));
        return tokens.ToArray();
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> by the tokenizer a spec names, as the ranges of the text they come from,
    /// without allocating (<see cref="TokenEnumerator.CopyCurrent"/> writes a token's text): the same tokens as
    /// <see cref="Tokenize"/>.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="tokenizer"><c>words</c> or <c>characters</c>.</param>
    /// <returns>An enumerator of the tokens' ranges, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenizer"/> is neither name.</exception>
    public static TokenEnumerator EnumerateTokens(ReadOnlySpan<char> text, string tokenizer) => tokenizer switch
    {
        SpecWords.Words => new TokenEnumerator(text, characters: false),
        SpecWords.Characters => new TokenEnumerator(text, characters: true),
        _ => throw UnknownTokenizer(tokenizer),
    };

    /// <summary>Tokenizes <paramref name="text"/> with the tokenizer a spec names.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="tokenizer"><c>words</c> (<see cref="Words"/>) or <c>characters</c> (<see cref="Characters"/>).</param>
    /// <returns>The tokens, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenizer"/> is neither name.</exception>
    public static IReadOnlyList<string> Tokenize(string text, string tokenizer) => tokenizer switch
    {
        SpecWords.Words => Words(text),
        SpecWords.Characters => Characters(text),
        _ => throw UnknownTokenizer(tokenizer),
    };

    /// <summary>The characters that join a word's parts and are trimmed from its ends: apostrophes and hyphens.</summary>
    internal const string Joiners = "'\u2019-\u2010";

    /// <summary>Whether a character belongs to a word: a letter, digit or combining mark, or a joiner.</summary>
    internal static bool InWord(Rune rune) => IsWordCore(rune) || (rune.IsBmp && Joiners.Contains((char)rune.Value));

    private static ArgumentException UnknownTokenizer(string tokenizer) => new(
        $"Unknown tokenizer '{tokenizer}'; expected '{SpecWords.Words}' or '{SpecWords.Characters}'.", nameof(tokenizer));

    private static bool IsWordCore(Rune rune) =>
        Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
