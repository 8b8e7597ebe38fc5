using System;
using System.Collections.Generic;
using RnnGen.Training;

namespace MusicGen;

/// <summary>
/// The next-symbol training sequences of a generator, cut into pieces: tune w_1 … w_n (w_n = &lt;EOS&gt;) is read after
/// &lt;EOS&gt; and taught each next symbol, as <c>rnngen train</c> teaches a generator's text
/// (<see cref="TrainingSequence.NextTokens"/> of &lt;EOS&gt;, w_1 … w_n), but a tune longer than the piece length is
/// cut into pieces of that many steps, each from a&lt;0&gt; = 0, so that a small corpus gives more updates per epoch.
/// Every symbol is taught exactly once.
/// </summary>
internal static class NextSymbolSequences
{
    public static IReadOnlyList<TrainingSequence> Of(IReadOnlyList<int[]> tunes, int vocabularySize, int end, int piece)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(piece, 1);
        var sequences = new List<TrainingSequence>();
        foreach (int[] tune in tunes)
        {
            int[] read = [end, .. tune];
            for (int start = 0; start < read.Length - 1; start += piece)
            {
                int steps = Math.Min(piece, read.Length - 1 - start);
                sequences.Add(TrainingSequence.NextTokens(read[start..(start + steps + 1)], vocabularySize));
            }
        }
        return sequences;
    }
}
