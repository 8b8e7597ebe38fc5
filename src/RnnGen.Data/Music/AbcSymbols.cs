using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Music;

/// <summary>
/// The character-level symbols of a tune, as the music generators read and write them and as <c>rnngen train</c>,
/// <c>eval</c> and <c>generate</c> make them of a generator's text: the run-time <c>text</c> tokenizer
/// (<see cref="Tokenizer.Text"/>: every character one symbol, case, spaces and line breaks kept; in ABC, <c>C</c> and
/// <c>c</c> are an octave apart) over the tune without its last line break, then <see cref="End"/>. <see cref="End"/>
/// is also what a generator reads before a tune's first symbol (as if after the previous tune), so one token both
/// starts and stops generation. In a vocabulary file the space and the line break are the lines <c>\s</c> and
/// <c>\n</c> (<see cref="Vocabulary.LineOfToken"/>).
/// </summary>
public static class AbcSymbols
{
    /// <summary>The end of a tune (and what comes before its first symbol): the run-time library's end-of-sequence token.</summary>
    public const string End = "<EOS>";

    /// <summary>A line break.</summary>
    public const string NewLine = "\n";

    /// <summary>A space (cleaned tunes hold single spaces only).</summary>
    public const string Space = " ";

    /// <summary>The symbols of a cleaned tune's text, <see cref="End"/> last.</summary>
    public static IReadOnlyList<string> Of(string tuneText)
    {
        ArgumentNullException.ThrowIfNull(tuneText);
        string body = tuneText.EndsWith('\n') ? tuneText[..^1] : tuneText;
        return Tokenizer.Text(body).Append(End).ToArray();
    }
}
