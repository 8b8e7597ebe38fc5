using System;
using System.Text;

namespace RnnGen;

/// <summary>
/// The tokens of a text, one after another, as the ranges of the text they come from, without allocating: what
/// <see cref="Tokenizer.EnumerateTokens"/> returns, and what <see cref="Tokenizer.Words"/> and
/// <see cref="Tokenizer.Characters"/> are built on, so a token is defined once whichever form reads it.
/// </summary>
/// <remarks>
/// A word token is the text of its range as it is; a character token is its range's one Unicode scalar value
/// upper-cased (invariant culture), which <see cref="CopyCurrent"/> writes (a lone surrogate reads as U+FFFD,
/// as <see cref="string.EnumerateRunes"/> reads it); a text token is its range as it is (a surrogate pair, or one
/// UTF-16 unit), except that a line break is <c>\n</c>: the range of a <c>\r\n</c> is its <c>\n</c>, and a lone
/// <c>\r</c> is written as <c>\n</c>.
/// </remarks>
public ref struct TokenEnumerator
{
    private readonly ReadOnlySpan<char> text;
    private readonly Kind kind;
    private int position;

    internal TokenEnumerator(ReadOnlySpan<char> text, Kind kind)
    {
        this.text = text;
        this.kind = kind;
        position = 0;
        Current = default;
    }

    /// <summary>The tokenizers: <c>words</c>, <c>characters</c>, <c>text</c>.</summary>
    internal enum Kind
    {
        Words,
        Characters,
        Text,
    }

    /// <summary>Where the current token comes from in the text.</summary>
    public Range Current { get; private set; }

    /// <summary>Returns this enumerator, so that <c>foreach</c> can walk it.</summary>
    /// <returns>This enumerator.</returns>
    public readonly TokenEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next token.</summary>
    /// <returns><see langword="false"/> when the text holds no more tokens.</returns>
    public bool MoveNext() => kind switch
    {
        Kind.Words => NextWord(),
        Kind.Characters => NextCharacter(),
        _ => NextTextCharacter(),
    };

    /// <summary>
    /// Writes the current token's text into <paramref name="destination"/>: a word or a text token as it is in the text
    /// (a line break as <c>\n</c>), a character upper-cased (invariant).
    /// </summary>
    /// <param name="destination">At least as many places as the current range is long, and at least 2.</param>
    /// <returns>The number of characters written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public readonly int CopyCurrent(Span<char> destination)
    {
        ReadOnlySpan<char> piece = text[Current];
        if (kind == Kind.Text && piece[0] == '\r')
        {
            destination[0] = '\n';
            return 1;
        }
        if (kind != Kind.Characters)
        {
            piece.CopyTo(destination);
            return piece.Length;
        }
        Rune.DecodeFromUtf16(piece, out Rune rune, out _);
        return Rune.ToUpperInvariant(rune).EncodeToUtf16(destination);
    }

    private bool NextCharacter()
    {
        while (position < text.Length)
        {
            int start = position;
            Rune.DecodeFromUtf16(text[position..], out Rune rune, out int length);
            position += length;
            if (!Rune.IsWhiteSpace(rune))
            {
                Current = start..position;
                return true;
            }
        }
        return false;
    }

    private bool NextTextCharacter()
    {
        if (position >= text.Length) return false;
        int start = position;
        char c = text[position];
        if (c == '\r' && position + 1 < text.Length && text[position + 1] == '\n') start = ++position;
        position += char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
        Current = start..position;
        return true;
    }

    private bool NextWord()
    {
        while (position < text.Length)
        {
            int start = -1; // start of the current run, or -1 before one
            while (position < text.Length)
            {
                char c = text[position];
                bool inWord;
                int length = 1;
                if (char.IsAscii(c))
                {
                    inWord = char.IsAsciiLetterOrDigit(c) || c is '\'' or '-'; // the ASCII case of Tokenizer.InWord
                }
                else
                {
                    Rune.DecodeFromUtf16(text[position..], out Rune rune, out length);
                    inWord = Tokenizer.InWord(rune);
                }
                if (!inWord && start >= 0) break;
                if (inWord && start < 0) start = position;
                position += length;
            }
            if (start < 0) return false;
            ReadOnlySpan<char> run = text[start..position];
            if (!Tokenizer.IsJoiner(run[0]) && !Tokenizer.IsJoiner(run[^1]))
            {
                // Most runs: nothing to trim.
                Current = start..position;
                return true;
            }
            int leading = run.Length - run.TrimStart(Tokenizer.Joiners).Length;
            int kept = run.Trim(Tokenizer.Joiners).Length;
            if (kept > 0)
            {
                Current = (start + leading)..(start + leading + kept);
                return true;
            }
        }
        return false;
    }
}
