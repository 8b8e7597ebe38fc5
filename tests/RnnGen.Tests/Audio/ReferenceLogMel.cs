using System;

namespace RnnGen.Tests.Audio;

/// <summary>
/// The log-mel front end written the slow, obvious way, in double: each frame's direct DFT (Σ x[n] e^(−2πikn/N) for every
/// bin), the Hann window, and each band's triangle computed from the HTK mel formula at every bin; no FFT, no sparse
/// filters, no reused buffers. What <c>LogMelFrontEnd</c> must agree with.
/// </summary>
internal static class ReferenceLogMel
{
    public static double[,] Compute(float[] samples, int rate = 16000, int window = 400, int hop = 160, int n = 512, int bands = 40,
        double low = 0, double high = 8000, double floor = 1e-10)
    {
        int frames = samples.Length <= window ? 1 : 1 + (samples.Length - window) / hop;
        double Mel(double f) => 2595 * Math.Log10(1 + f / 700);
        double Hz(double m) => 700 * (Math.Pow(10, m / 2595) - 1);
        var edges = new double[bands + 2];
        for (int i = 0; i < edges.Length; i++) edges[i] = Hz(Mel(low) + (Mel(high) - Mel(low)) * i / (bands + 1));
        var result = new double[frames, bands];
        for (int t = 0; t < frames; t++)
        {
            var x = new double[n];
            for (int j = 0; j < window && t * hop + j < samples.Length; j++)
            {
                x[j] = samples[t * hop + j] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * j / window));
            }
            var power = new double[n / 2 + 1];
            for (int k = 0; k <= n / 2; k++)
            {
                double re = 0, im = 0;
                for (int j = 0; j < n; j++)
                {
                    re += x[j] * Math.Cos(2 * Math.PI * k * j / n);
                    im -= x[j] * Math.Sin(2 * Math.PI * k * j / n);
                }
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < bands; m++)
            {
                double e = 0;
                for (int k = 0; k <= n / 2; k++)
                {
                    double f = (double)k * rate / n;
                    double w = f <= edges[m] || f >= edges[m + 2] ? 0
                        : f <= edges[m + 1] ? (f - edges[m]) / (edges[m + 1] - edges[m])
                        : (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                    e += w * power[k];
                }
                result[t, m] = Math.Log(Math.Max(e, floor));
            }
        }
        return result;
    }
}
