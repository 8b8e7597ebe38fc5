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
        foreach (Range word in new TokenEnumerator(text, TokenEnumerator.Kind.Words)) words.Add(text[word]);
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
        var walk = new TokenEnumerator(text, TokenEnumerator.Kind.Characters);
        while (walk.MoveNext()) tokens.Add(new string(upper[..walk.CopyCurrent(upper)]));
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
        var walk = new TokenEnumerator(text, TokenEnumerator.Kind.Text);
        while (walk.MoveNext())
        {
            ReadOnlySpan<char> piece = text.AsSpan()[walk.Current];
            char c = piece[0] == '\r' ? '\n' : piece[0];
            tokens.Add(piece.Length == 1 && c < Ascii.Length ? Ascii[c] : piece.ToString());
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

    /// <summary>
    /// The tokens of <paramref name="text"/> by the tokenizer a spec names, as the ranges of the text they come from,
    /// without allocating (<see cref="TokenEnumerator.CopyCurrent"/> writes a token's text): the same tokens as
    /// <see cref="Tokenize"/>.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="tokenizer"><c>words</c>, <c>characters</c> or <c>text</c>.</param>
    /// <returns>An enumerator of the tokens' ranges, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenizer"/> is none of the names.</exception>
    public static TokenEnumerator EnumerateTokens(ReadOnlySpan<char> text, string tokenizer) => tokenizer switch
    {
        SpecWords.Words => new TokenEnumerator(text, TokenEnumerator.Kind.Words),
        SpecWords.Characters => new TokenEnumerator(text, TokenEnumerator.Kind.Characters),
        SpecWords.Text => new TokenEnumerator(text, TokenEnumerator.Kind.Text),
        _ => throw UnknownTokenizer(tokenizer),
    };

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
        _ => throw UnknownTokenizer(tokenizer),
    };

    /// <summary>The characters that join a word's parts and are trimmed from its ends: apostrophes and hyphens.</summary>
    internal const string Joiners = "'\u2019-\u2010";

    /// <summary>Whether <paramref name="c"/> is one of <see cref="Joiners"/>: kept inside a word, trimmed from its ends.</summary>
    internal static bool IsJoiner(char c) => c is '\'' or '\u2019' or '-' or '\u2010';

    /// <summary>Whether a character belongs to a word: a letter, digit or combining mark, or a joiner.</summary>
    internal static bool InWord(Rune rune) => IsWordCore(rune) || (rune.IsBmp && IsJoiner((char)rune.Value));

    private static ArgumentException UnknownTokenizer(string tokenizer) => new(
        $"Unknown tokenizer '{tokenizer}'; expected '{SpecWords.Words}', '{SpecWords.Characters}' or '{SpecWords.Text}'.", nameof(tokenizer));

    private static bool IsWordCore(Rune rune) =>
        Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
