using System;
using System.Collections.Generic;

namespace RnnGen.Data.Music;

/// <summary>
/// Draws sequences from a streamed model, one token at a time, each drawn token read back as the next input: the
/// sampling loop of the music generators until the generated classes have their own.
/// <para>
/// From the model's distribution p the draw uses q_i ∝ p_i^(1/T) (temperature T: below 1 sharper, above 1 flatter),
/// with the tokens it must never give (<c>&lt;UNK&gt;</c>) at 0, by inverse transform: u uniform in [0, 1) (53 bits of a
/// <see cref="DeterministicRandom"/>), the first token whose running sum of q exceeds u·Σq. The same model, seed and
/// options give the same tokens.
/// </para>
/// </summary>
public static class SymbolSampler
{
    /// <summary>
    /// One sequence: the model is reset and reads <paramref name="start"/>, then each drawn token, until it draws
    /// <paramref name="stop"/> (kept as the last token) or has drawn <paramref name="maxLength"/> tokens.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not a positive finite number, or a length or token is out of range.</exception>
    public static IReadOnlyList<int> Sample(INextSymbolModel model, int start, int stop, int maxLength, double temperature, ulong seed, ReadOnlySpan<int> never)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(temperature > 0 && double.IsFinite(temperature))) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive number.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        int v = model.VocabularySize;
        if ((uint)start >= (uint)v) throw new ArgumentOutOfRangeException(nameof(start), start, "Not a token.");
        if ((uint)stop >= (uint)v) throw new ArgumentOutOfRangeException(nameof(stop), stop, "Not a token.");
        var p = new float[v];
        var q = new double[v];
        var random = new DeterministicRandom(seed);
        var tokens = new List<int>();
        model.Reset();
        int token = start;
        while (tokens.Count < maxLength)
        {
            model.Step(token, p);
            token = Draw(p, q, temperature, never, random);
            tokens.Add(token);
            if (token == stop) break;
        }
        return tokens;
    }

    /// <summary>One draw from q ∝ p^(1/T) with the <paramref name="never"/> tokens at 0 (q is scratch space of p's length).</summary>
    public static int Draw(ReadOnlySpan<float> p, Span<double> q, double temperature, ReadOnlySpan<int> never, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double max = double.NegativeInfinity;
        for (int i = 0; i < p.Length; i++) max = Math.Max(max, p[i]);
        double sum = 0;
        if (temperature == 1)
        {
            for (int i = 0; i < p.Length; i++) q[i] = Math.Max(p[i], 0);
        }
        else
        {
            // (p_i / max)^(1/T) keeps the largest at 1, so a small T cannot underflow every weight to 0.
            double exponent = 1 / temperature;
            for (int i = 0; i < p.Length; i++) q[i] = p[i] > 0 ? Math.Pow(p[i] / max, exponent) : 0;
        }
        foreach (int n in never) q[n] = 0;
        for (int i = 0; i < p.Length; i++) sum += q[i];
        if (!(sum > 0)) throw new InvalidOperationException("The model gives every allowed token probability 0.");
        double u = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * sum;
        double running = 0;
        int last = -1;
        for (int i = 0; i < p.Length; i++)
        {
            if (q[i] <= 0) continue;
            running += q[i];
            last = i;
            if (u < running) return i;
        }
        return last; // u·Σq rounded up to the last running sum
    }
}
