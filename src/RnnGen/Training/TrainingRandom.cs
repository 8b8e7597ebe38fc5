using System;

namespace RnnGen.Training;

/// <summary>
/// The trainer's seeded random numbers: SplitMix64 (as <c>DeterministicRandom</c> in RnnGen.Seeding, which the packed
/// library cannot reference), whose sequence is fixed by its seed alone on every platform and .NET version, unlike
/// <see cref="Random"/>. One stream per purpose (<see cref="Stream"/>), so that, say, a change of the split does not
/// change the initial weights.
/// </summary>
internal sealed class TrainingRandom(ulong seed)
{
    /// <summary>The purposes a run draws numbers for; each gets its own stream of the run's seed.</summary>
    public enum Purpose : ulong
    {
        /// <summary>The initial value of each tensor (the tensor's index is mixed in too).</summary>
        Init = 1,

        /// <summary>Which sequences a validation split holds out.</summary>
        Split = 2,

        /// <summary>The order of the training sequences in each epoch.</summary>
        Shuffle = 3,
    }

    private SplitMix64 state = new(seed);

    /// <summary>The stream of <paramref name="seed"/> for <paramref name="purpose"/> (and <paramref name="index"/>, e.g. a tensor's).</summary>
    public static TrainingRandom Stream(ulong seed, Purpose purpose, int index = 0)
    {
        // Mix the purpose and index through SplitMix64 itself, so that nearby seeds give unrelated streams.
        var mixer = new TrainingRandom(seed ^ ((ulong)purpose * 0xD1B54A32D192ED03UL) ^ ((ulong)(uint)index * 0x8CB92BA72F3D8DD7UL));
        return new TrainingRandom(mixer.NextUInt64());
    }

    /// <summary>The next 64 random bits (SplitMix64).</summary>
    public ulong NextUInt64() => state.NextUInt64();

    /// <summary>A float uniform in [0, 1): the top 24 bits times 2^-24 (exact).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A double uniform in [0, 1): the top 53 bits times 2^-53 (exact).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold) return (int)high;
        }
    }

    /// <summary>
    /// A standard normal value by Marsaglia's polar method, in double (it needs only a logarithm and square roots, so it
    /// does not depend on how a platform computes sines), rounded to float by the caller.
    /// </summary>
    public double NextNormal()
    {
        while (true)
        {
            double u = 2 * NextDouble() - 1;
            double v = 2 * NextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>Puts <paramref name="items"/> in a random order (Fisher–Yates, from the end).</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
