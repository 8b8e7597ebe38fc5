using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RnnGen.Data.Names;

namespace RnnGen.Data.Music;

/// <summary>
/// The vocabulary of the music models: <c>&lt;UNK&gt;</c> (index 0), <see cref="AbcSymbols.End"/> (1),
/// the line break (2), the space (3), then every other symbol that occurs at
/// least <see cref="MinimumCount"/> times in the training tunes, in ascending order of its UTF-8 bytes, except control
/// characters (which a vocabulary file cannot hold). Every other symbol reads as <c>&lt;UNK&gt;</c>: the rarer
/// characters of the training tunes (most are the Chinese, Cyrillic and Arabic letters of one tune's titles and lyrics,
/// which no model could learn from a single tune), so that the models also learn when <c>&lt;UNK&gt;</c> comes, and the
/// characters that only the other parts hold.
/// </summary>
public static class MusicVocabulary
{
    /// <summary>How often a character must occur in the training tunes to be a token of its own.</summary>
    public const int MinimumCount = 3;

    /// <summary>The tokens, in file order.</summary>
    public static IReadOnlyList<string> Build(IEnumerable<AbcTune> trainingTunes, int minimumCount = MinimumCount)
    {
        ArgumentNullException.ThrowIfNull(trainingTunes);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCount, 1);
        string[] fixedTokens = [Vocabulary.Unknown, AbcSymbols.End, AbcSymbols.NewLine, AbcSymbols.Space];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (AbcTune tune in trainingTunes)
        {
            foreach (string symbol in AbcSymbols.Of(tune.Text))
            {
                if (Array.IndexOf(fixedTokens, symbol) >= 0) continue;
                if (Rune.IsControl(Rune.GetRuneAt(symbol, 0))) continue;
                seen[symbol] = seen.GetValueOrDefault(symbol) + 1;
            }
        }
        return fixedTokens
            .Concat(seen.Where(p => p.Value >= minimumCount).Select(p => p.Key).Order(VocabularyFile.Utf8Order.Instance))
            .ToArray();
    }

    /// <summary>
    /// The token indices of a tune's symbols (<see cref="AbcSymbols.Of"/>), <see cref="AbcSymbols.End"/> last, looked up
    /// as the run-time library looks words up (<see cref="Vocabulary.IndexOf"/>: the exact symbol, else its lower-case
    /// form, else <c>&lt;UNK&gt;</c>), so that <c>rnngen train</c> and <c>eval</c> read a tune as these tools do.
    /// </summary>
    public static int[] Encode(Vocabulary vocabulary, AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(tune);
        return vocabulary.Encode(AbcSymbols.Of(tune.Text));
    }

    /// <summary>The vocabulary file's text: one token a line (a space <c>\s</c>, a line break <c>\n</c>), LF, a final newline.</summary>
    public static string Write(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return VocabularyFile.Write(tokens.Select(Vocabulary.LineOfToken).ToArray());
    }
}
