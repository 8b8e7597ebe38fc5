using System;

namespace RnnGen;

/// <summary>
/// A tiny seeded pseudo-random generator (SplitMix64) whose sequence is fixed by its seed alone,
/// on every platform and .NET version (unlike <see cref="Random"/>), so generated weights and test data are reproducible.
/// </summary>
/// <remarks>Not thread-safe and not cryptographically secure.</remarks>
public sealed class DeterministicRandom
{
    private ulong state;

    /// <summary>Creates a generator whose sequence is determined by <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value.</param>
    public DeterministicRandom(ulong seed) => state = seed;

    /// <summary>The next 64 random bits (SplitMix64).</summary>
    /// <returns>A value uniform over all of <see cref="ulong"/>.</returns>
    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A float uniform in [0, 1): the top 24 bits of <see cref="NextUInt64"/> times 2^-24 (exact).</summary>
    /// <returns>One of the 2^24 values k · 2^-24, 0 ≤ k &lt; 2^24.</returns>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A float uniform between <paramref name="min"/> and <paramref name="max"/>: <c>min + (max - min) · NextFloat()</c>.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound, at least <paramref name="min"/>.</param>
    /// <returns>A value in [min, max] (rounding can reach <paramref name="max"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="max"/> &lt; <paramref name="min"/>.</exception>
    public float Uniform(float min, float max)
    {
        if (!float.IsFinite(min)) throw new ArgumentOutOfRangeException(nameof(min), min, "The bound must be finite.");
        if (!float.IsFinite(max) || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "The bound must be finite and at least min.");
        }
        return min + (max - min) * NextFloat();
    }

    /// <summary>An integer uniform in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    /// <param name="maxExclusive">The exclusive upper bound, at least 1.</param>
    /// <returns>A value in [0, maxExclusive).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is less than 1.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0UL - range) % range; // 2^64 mod range: the low products to reject
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold) return (int)high;
        }
    }
}
