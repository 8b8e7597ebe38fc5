using System;

namespace RnnGen;

/// <summary>
/// Picks tokens from a generator's softmax outputs as <see cref="GenerationOptions"/> say, with its own seeded random
/// source (SplitMix64: the same seed gives the same numbers on every platform and .NET version, unlike
/// <see cref="Random"/>). A mutable value: keep one per sequence and pass it by reference. Allocates nothing.
/// </summary>
public struct TokenSampler
{
    /// <summary>Top-k up to this many keeps its candidates in a sorted stack buffer; beyond it, a bisection finds the cut.</summary>
    private const int SmallTopK = 64;

    private SplitMix64 random;

    /// <summary>A sampler with the temperature, top-k, excluded token and seed of <paramref name="options"/>.</summary>
    /// <param name="options">How to pick.</param>
    public TokenSampler(GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Temperature = options.Temperature;
        TopK = options.TopK;
        ExcludedToken = options.ExcludedToken;
        // Mix the seed once, so that nearby seeds start unrelated streams.
        var mixer = new SplitMix64(options.Seed ^ 0x6A09E667F3BCC909UL);
        random = new SplitMix64(mixer.NextUInt64());
    }

    /// <summary>The temperature (0: the likeliest token).</summary>
    public float Temperature { get; }

    /// <summary>How many of the likeliest tokens may be picked (0: all).</summary>
    public int TopK { get; }

    /// <summary>The token never picked (<see cref="GenerationOptions.ExcludedToken"/>), or -1.</summary>
    public int ExcludedToken { get; }

    /// <summary>
    /// Picks a token index from <paramref name="probabilities"/> (a softmax: non-negative, summing to about 1). Values
    /// that are NaN or negative count as 0; when nothing has weight left (all 0), the likeliest token is picked.
    /// <see cref="ExcludedToken"/> is never picked, unless it is the only token there is.
    /// </summary>
    /// <param name="probabilities">ŷ, one value per token; at least one.</param>
    /// <returns>The picked token's index.</returns>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is empty.</exception>
    public int Next(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.IsEmpty) throw new ArgumentException("There is no token to pick from.", nameof(probabilities));
        int excluded = ExcludedToken;
        if (Temperature == 0 || TopK == 1) return ArgMax(probabilities, excluded);
        float cut = TopK == 0 || TopK >= probabilities.Length ? 0f : Cut(probabilities, TopK, excluded);
        double inverse = 1.0 / Temperature;
        bool plain = Temperature == 1f;
        double total = 0;
        for (int k = 0; k < probabilities.Length; k++)
        {
            float p = probabilities[k];
            if (k != excluded && Kept(p, cut)) total += plain ? p : Math.Pow(p, inverse);
        }
        if (!(total > 0) || double.IsInfinity(total)) return ArgMax(probabilities, excluded);
        double target = random.NextDouble() * total;
        int last = -1;
        for (int k = 0; k < probabilities.Length; k++)
        {
            float p = probabilities[k];
            if (k == excluded || !Kept(p, cut)) continue;
            double w = plain ? p : Math.Pow(p, inverse);
            if (w <= 0) continue;
            last = k;
            target -= w;
            if (target < 0) return k;
        }
        return last; // rounding left a sliver of the total: the last token with weight
    }

    /// <summary>The index of the largest value (the first on ties; NaN never wins unless all are NaN).</summary>
    /// <param name="values">At least one value.</param>
    public static int ArgMax(ReadOnlySpan<float> values) => ArgMax(values, -1);

    /// <summary>The likeliest token other than <paramref name="excluded"/> (-1: none); the excluded one only when it is the only token.</summary>
    private static int ArgMax(ReadOnlySpan<float> values, int excluded)
    {
        int best = excluded == 0 && values.Length > 1 ? 1 : 0;
        for (int k = best + 1; k < values.Length; k++)
        {
            if (k == excluded) continue;
            if (values[k] > values[best] || float.IsNaN(values[best]) && !float.IsNaN(values[k])) best = k;
        }
        return best;
    }

    private static bool Kept(float p, float cut) => p > 0 && p >= cut; // false for NaN

    /// <summary>The k-th largest positive value (ties included: every value ≥ it is kept), or 0 when fewer are positive.</summary>
    private static float Cut(ReadOnlySpan<float> probabilities, int k, int excluded)
    {
        if (k <= SmallTopK)
        {
            // The k largest so far, in descending order.
            Span<float> top = stackalloc float[k];
            int count = 0;
            for (int i = 0; i < probabilities.Length; i++)
            {
                float p = probabilities[i];
                if (i == excluded || !(p > 0)) continue;
                if (count == k && p <= top[k - 1]) continue;
                int at = count < k ? count++ : k - 1;
                while (at > 0 && top[at - 1] < p)
                {
                    top[at] = top[at - 1];
                    at--;
                }
                top[at] = p;
            }
            return count < k ? 0f : top[k - 1];
        }
        // Positive floats order as their bit patterns: bisect on those for the largest cut that keeps at least k.
        int low = 1, high = 0x7F800000; // (0, +∞)
        while (low < high)
        {
            int mid = low + (high - low + 1) / 2;
            float candidate = BitConverter.Int32BitsToSingle(mid);
            int kept = 0;
            for (int i = 0; i < probabilities.Length; i++) if (i != excluded && probabilities[i] >= candidate) kept++;
            if (kept >= k) low = mid;
            else high = mid - 1;
        }
        float result = BitConverter.Int32BitsToSingle(low);
        int atCut = 0;
        for (int i = 0; i < probabilities.Length; i++) if (i != excluded && probabilities[i] >= result) atCut++;
        return atCut >= k ? result : 0f;
    }
}
