using System;

namespace RnnGen.Data.Stats;

/// <summary>A proportion k / n and its Wilson score interval.</summary>
/// <param name="Successes">k.</param>
/// <param name="Trials">n.</param>
public readonly record struct Proportion(int Successes, int Trials)
{
    /// <summary>The normal quantile of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The normal quantile of a two-sided 97.5 % interval (two of them hold together at least 95 % of the time).</summary>
    public const double Z975 = 2.241402727604947;

    /// <summary>k / n (0 when n is 0).</summary>
    public double Value => Trials == 0 ? 0 : (double)Successes / Trials;

    /// <summary>The Wilson score interval at normal quantile <paramref name="z"/>.</summary>
    public (double Low, double High) Wilson(double z = Z95)
    {
        if (Trials == 0) return (0, 1);
        double n = Trials;
        double p = Value;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
