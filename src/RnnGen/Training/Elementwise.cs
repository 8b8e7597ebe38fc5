using System;
using System.Runtime.Intrinsics;

namespace RnnGen.Training;

/// <summary>
/// The trainer's loops over gradient values. Each lane computes exactly what the scalar tail does, and sums run in
/// four double lanes whatever the hardware, so results do not depend on the vector width or on the number of threads.
/// </summary>
internal static class Elementwise
{
    /// <summary>target[i] += source[i].</summary>
    public static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.Create(target[i..]) + Vector256.Create(source[i..])).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++) target[i] += source[i];
    }

    /// <summary>target[i] *= factor.</summary>
    public static void Scale(Span<float> target, float factor)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var f = Vector256.Create(factor);
            for (; i <= target.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.Create(target[i..]) * f).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++) target[i] *= factor;
    }

    /// <summary>
    /// Σ values[i]², in double: value i goes to lane i mod 8 of two four-lane accumulators, the lanes are added in order,
    /// then the tail after the last multiple of 8.
    /// </summary>
    public static double SumOfSquares(ReadOnlySpan<float> values)
    {
        Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
        int i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            Vector256<float> v = Vector256.Create(values[i..]);
            Vector256<double> a = Vector256.WidenLower(v), b = Vector256.WidenUpper(v);
            low += a * a;
            high += b * b;
        }
        double sum = 0;
        for (int lane = 0; lane < 4; lane++) sum += low[lane];
        for (int lane = 0; lane < 4; lane++) sum += high[lane];
        for (; i < values.Length; i++) sum += (double)values[i] * values[i];
        return sum;
    }
}
