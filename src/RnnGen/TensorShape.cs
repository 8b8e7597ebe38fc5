using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RnnGen;

/// <summary>Pure helpers for tensor shapes: element counts and the <c>[100, 100]</c> form messages use.</summary>
internal static class TensorShape
{
    /// <summary>
    /// The number of elements of <paramref name="shape"/> (1 for the scalar shape []), or
    /// <see langword="null"/> when a dimension is negative or the count exceeds <see cref="Array.MaxLength"/>.
    /// </summary>
    public static long? ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0) return null;
            count *= dim; // both factors ≤ Array.MaxLength < 2^31, so this never overflows a long
            if (count > Array.MaxLength) return null;
        }
        return count;
    }

    /// <summary>The most dimensions <see cref="Format"/> shows (a header may give a shape of millions).</summary>
    public const int MaxShownDimensions = 8;

    /// <summary>Formats a shape as <c>[100, 100]</c> (invariant culture); past 8 dimensions, <c>[1, 1, …, 1, … of 10,000]</c>.</summary>
    public static string Format(IEnumerable<int> shape)
    {
        int[] dims = shape.ToArray();
        string shown = string.Join(", ", dims.Take(MaxShownDimensions).Select(d => d.ToString(CultureInfo.InvariantCulture)));
        return dims.Length <= MaxShownDimensions
            ? "[" + shown + "]"
            : "[" + shown + string.Create(CultureInfo.InvariantCulture, $", … of {dims.Length:#,0} dimensions]");
    }
}
