using System;
using System.Collections.Generic;
using System.Text;

namespace RnnGen.Data.Music;

/// <summary>
/// The character-level symbols of a tune, as the music models read and write them: every character (Unicode scalar
/// value) of the cleaned tune is one symbol, case kept (in ABC, <c>C</c> and <c>c</c> are an octave apart), with the
/// two kinds of white space a cleaned tune holds spelled as tokens a vocabulary file can hold: <see cref="Space"/>
/// and <see cref="NewLine"/>. A tune's symbols end with <see cref="End"/>, which is also the symbol a model reads
/// before the first one (as if after the previous tune), so one token both starts and stops generation.
/// </summary>
public static class AbcSymbols
{
    /// <summary>The end of a tune (and what comes before its first symbol).</summary>
    public const string End = "<END>";

    /// <summary>A line break.</summary>
    public const string NewLine = "<NL>";

    /// <summary>A space (cleaned tunes hold single spaces only).</summary>
    public const string Space = "<SP>";

    /// <summary>The symbols of a cleaned tune's text, <see cref="End"/> last.</summary>
    public static IReadOnlyList<string> Of(string tuneText)
    {
        ArgumentNullException.ThrowIfNull(tuneText);
        var symbols = new List<string>(tuneText.Length + 1);
        foreach (Rune rune in tuneText.EnumerateRunes())
        {
            symbols.Add(rune.Value switch
            {
                '\n' => NewLine,
                _ when Rune.IsWhiteSpace(rune) => Space,
                _ => rune.ToString(),
            });
        }
        symbols.Add(End);
        return symbols;
    }

    /// <summary>
    /// The text of symbols, up to the first <see cref="End"/> (not included): <see cref="NewLine"/> and
    /// <see cref="Space"/> become LF and a space, <see cref="Vocabulary.Unknown"/> is dropped, every other symbol is its
    /// own text. The inverse of <see cref="Of"/> on a tune whose characters are all in the vocabulary.
    /// </summary>
    public static string Text(IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var text = new StringBuilder();
        foreach (string symbol in symbols)
        {
            if (symbol == End) break;
            text.Append(symbol switch
            {
                NewLine => "\n",
                Space => " ",
                Vocabulary.Unknown => "",
                _ => symbol,
            });
        }
        return text.ToString();
    }
}
