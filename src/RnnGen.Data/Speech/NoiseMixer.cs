using System;

namespace RnnGen.Data.Speech;

/// <summary>
/// Adds white Gaussian noise to a clip at a signal-to-noise ratio: the noise's variance is the clip's mean power
/// (Σ x² / n over the whole clip, silences included) divided by 10^(SNR / 10). The noise comes from a SplitMix64 stream
/// of its own seed (Box–Muller in double), so the same clip, SNR and seed give the same samples.
/// </summary>
public static class NoiseMixer
{
    public static float[] Mix(ReadOnlySpan<float> clean, double snrDb, ulong seed)
    {
        if (!double.IsFinite(snrDb)) throw new ArgumentOutOfRangeException(nameof(snrDb), snrDb, "The SNR must be finite.");
        double power = 0;
        foreach (float x in clean) power += (double)x * x;
        power /= Math.Max(1, clean.Length);
        double sigma = Math.Sqrt(power / Math.Pow(10, snrDb / 10));
        var random = new DeterministicRandom(seed);
        var noisy = new float[clean.Length];
        for (int i = 0; i < clean.Length; i += 2)
        {
            // Box–Muller: two uniform numbers in (0, 1] and [0, 1) give two independent standard normal ones.
            double u1 = 1.0 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            double u2 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            double r = Math.Sqrt(-2 * Math.Log(u1));
            noisy[i] = (float)(clean[i] + sigma * r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < clean.Length) noisy[i + 1] = (float)(clean[i + 1] + sigma * r * Math.Sin(2 * Math.PI * u2));
        }
        return noisy;
    }

    /// <summary>The seed of one clip's noise: the run's seed and the clip's index mixed by a SplitMix64 step.</summary>
    public static ulong ClipSeed(ulong seed, int index) => new DeterministicRandom(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1))).NextUInt64();
}
