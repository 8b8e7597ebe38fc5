using System;
using System.Collections.Generic;
using RnnGen.Training;

namespace MusicGen;

/// <summary>
/// Next-symbol training sequences of a many-to-many one-hot model: tune w_1 … w_n (w_n = &lt;END&gt;) reads &lt;END&gt;,
/// w_1 … w_{n−1} and is taught w_1 … w_n, one step each, so its loss per step is the cross-entropy that perplexity
/// per symbol is the exponential of. A tune longer than the piece length is cut into pieces (each piece starts from
/// a&lt;0&gt; = 0); every symbol is taught exactly once.
/// </summary>
internal static class NextSymbolSequences
{
    public static IReadOnlyList<TrainingSequence> Of(IReadOnlyList<int[]> tunes, int vocabularySize, int end, int piece)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(piece, 1);
        var sequences = new List<TrainingSequence>();
        foreach (int[] tune in tunes)
        {
            for (int start = 0; start < tune.Length; start += piece)
            {
                int length = Math.Min(piece, tune.Length - start);
                var inputs = new int[length];
                var targets = new float[length * vocabularySize];
                for (int t = 0; t < length; t++)
                {
                    int i = start + t;
                    inputs[t] = i == 0 ? end : tune[i - 1];
                    targets[t * vocabularySize + tune[i]] = 1;
                }
                sequences.Add(TrainingSequence.OneHot(inputs, targets));
            }
        }
        return sequences;
    }
}
