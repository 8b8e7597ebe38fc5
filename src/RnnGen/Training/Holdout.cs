using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>A seeded split of a data set into training and validation parts.</summary>
public static class Holdout
{
    /// <summary>
    /// Holds out round(<paramref name="fraction"/> × n) items (at least 1 and at most n − 1 when there are two or more)
    /// chosen by a seeded shuffle; both parts keep the items' original order.
    /// </summary>
    /// <typeparam name="T">The items' type.</typeparam>
    /// <param name="items">The data set.</param>
    /// <param name="fraction">The part to hold out, in (0, 1).</param>
    /// <param name="seed">The seed (a run's <see cref="TrainerOptions.Seed"/>: the same seed holds out the same items).</param>
    /// <returns>The training items and the held-out validation items.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">There are fewer than two items.</exception>
    public static (IReadOnlyList<T> Training, IReadOnlyList<T> Validation) Split<T>(IReadOnlyList<T> items, double fraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(fraction > 0 && fraction < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be in (0, 1).");
        if (items.Count < 2)
        {
            throw new ArgumentException(FormattableString.Invariant($"{items.Count} items cannot be split into training and validation."), nameof(items));
        }
        int held = (int)Math.Clamp(Math.Round(fraction * items.Count, MidpointRounding.AwayFromZero), 1, items.Count - 1);
        var order = new int[items.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        TrainingRandom.Stream(seed, TrainingRandom.Purpose.Split).Shuffle(order);
        var isHeld = new bool[items.Count];
        for (int i = 0; i < held; i++) isHeld[order[i]] = true;
        var training = new List<T>(items.Count - held);
        var validation = new List<T>(held);
        for (int i = 0; i < items.Count; i++) (isHeld[i] ? validation : training).Add(items[i]);
        return (training, validation);
    }
}
