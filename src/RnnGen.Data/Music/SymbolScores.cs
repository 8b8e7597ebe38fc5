using System;
using System.Collections.Generic;

namespace RnnGen.Data.Music;

/// <summary>Perplexity per symbol of a streamed model, read exactly as the n-gram baseline reads the same tunes.</summary>
public static class SymbolScores
{
    /// <summary>
    /// exp(−(1/N) Σ ln P(w_t | w_&lt;t)) over every token of every sequence, and N: each sequence is read from a reset
    /// model after <paramref name="start"/> (the music data's <c>&lt;EOS&gt;</c>), and every token is scored, its last
    /// (<c>&lt;EOS&gt;</c>) too. A probability of 0 gives an infinite perplexity.
    /// </summary>
    public static (double Perplexity, long Tokens) Perplexity(INextSymbolModel model, IEnumerable<int[]> sequences, int start)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequences);
        var p = new float[model.VocabularySize];
        double sum = 0;
        long n = 0;
        foreach (int[] sequence in sequences)
        {
            model.Reset();
            int previous = start;
            foreach (int token in sequence)
            {
                model.Step(previous, p);
                sum += Math.Log(p[token]);
                n++;
                previous = token;
            }
        }
        return (n == 0 ? double.NaN : Math.Exp(-sum / n), n);
    }
}
