using System;

namespace RnnGen.Audio;

/// <summary>HTK's mel scale: mel(f) = 2595 · log10(1 + f / 700), and its inverse.</summary>
public static class MelScale
{
    /// <summary>The mel value of a frequency in Hz.</summary>
    /// <param name="hertz">A frequency, at least 0.</param>
    public static double FromHertz(double hertz) => 2595.0 * Math.Log10(1.0 + hertz / 700.0);

    /// <summary>The frequency in Hz of a mel value.</summary>
    /// <param name="mel">A mel value, at least 0.</param>
    public static double ToHertz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <summary>
    /// The M + 2 edges of M triangular bands, equally spaced in mel from <paramref name="low"/> to <paramref name="high"/> Hz:
    /// band m rises from edge m to edge m + 1 and falls to edge m + 2.
    /// </summary>
    /// <param name="bands">M, at least 1.</param>
    /// <param name="low">The first edge, in Hz.</param>
    /// <param name="high">The last edge, in Hz.</param>
    public static double[] BandEdges(int bands, double low, double high)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        double lowMel = FromHertz(low);
        double highMel = FromHertz(high);
        var edges = new double[bands + 2];
        for (int i = 0; i < edges.Length; i++) edges[i] = ToHertz(lowMel + (highMel - lowMel) * i / (bands + 1));
        return edges;
    }
}
