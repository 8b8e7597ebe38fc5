using System;
using System.Collections.Generic;

namespace RnnGen.Data.Music;

/// <summary>The three parts of the tunes.</summary>
public enum TunePart
{
    /// <summary>What the models learn from.</summary>
    Train,

    /// <summary>For choices: the n-gram order, the RNN's early stopping and size.</summary>
    Valid,

    /// <summary>Held out: only the final perplexities are measured on it.</summary>
    Test,
}

/// <summary>
/// A seeded split of the tunes, by whole tune: a Fisher–Yates shuffle of the tune indices by
/// <see cref="DeterministicRandom"/> (SplitMix64) from the seed; the first round(0.15 n) shuffled tunes are
/// <see cref="TunePart.Test"/>, the next round(0.10 n) <see cref="TunePart.Valid"/>, the rest
/// <see cref="TunePart.Train"/> (halves round away from zero). The same seed and number of tunes give the same split.
/// </summary>
public static class TuneSplit
{
    /// <summary>The share of the tunes held out for testing.</summary>
    public const double TestShare = 0.15;

    /// <summary>The share of the tunes for validation.</summary>
    public const double ValidShare = 0.10;

    /// <summary>The part of each of <paramref name="count"/> tunes, by index.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 3 (each part needs a tune).</exception>
    public static IReadOnlyList<TunePart> Assign(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 3);
        int test = Math.Max(1, (int)Math.Round(TestShare * count, MidpointRounding.AwayFromZero));
        int valid = Math.Max(1, (int)Math.Round(ValidShare * count, MidpointRounding.AwayFromZero));
        if (test + valid >= count) (test, valid) = (1, 1);
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var random = new DeterministicRandom(seed);
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var parts = new TunePart[count];
        for (int k = 0; k < count; k++)
        {
            parts[order[k]] = k < test ? TunePart.Test : k < test + valid ? TunePart.Valid : TunePart.Train;
        }
        return parts;
    }

    /// <summary>The file-name stem of a part: train, valid, test.</summary>
    public static string FileStem(TunePart part) => part switch
    {
        TunePart.Train => "train",
        TunePart.Valid => "valid",
        TunePart.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };
}
