using System;

namespace RnnGen.Audio;

/// <summary>
/// Triangular mel filters over the bins of a power spectrum: bin k (frequency k · rate / N) has, in band m, the weight
/// max(0, min((f_k − e_m) / (e_{m+1} − e_m), (e_{m+2} − f_k) / (e_{m+2} − e_{m+1}))) with the edges of
/// <see cref="MelScale.BandEdges"/>: torchaudio's <c>melscale_fbanks</c> with <c>mel_scale="htk"</c> and no norm.
/// Each band keeps only the bins where its weight is above 0, so applying it costs the triangles' widths, not M × bins.
/// </summary>
internal sealed class MelFilterbank
{
    private readonly int[] _first;
    private readonly float[][] _weights;

    private MelFilterbank(int[] first, float[][] weights)
    {
        _first = first;
        _weights = weights;
    }

    public int Bands => _first.Length;

    /// <summary>The filters for spectra of <paramref name="fftLength"/> / 2 + 1 bins at <paramref name="sampleRate"/>.</summary>
    public static MelFilterbank Create(int bands, int fftLength, int sampleRate, double low, double high)
    {
        double[] edges = MelScale.BandEdges(bands, low, high);
        int bins = fftLength / 2 + 1;
        var first = new int[bands];
        var weights = new float[bands][];
        for (int m = 0; m < bands; m++)
        {
            int start = -1;
            int stop = -1;
            var all = new float[bins];
            for (int k = 0; k < bins; k++)
            {
                double f = (double)k * sampleRate / fftLength;
                double rising = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                double w = Math.Max(0.0, Math.Min(rising, falling));
                all[k] = (float)w;
                if (w > 0)
                {
                    if (start < 0) start = k;
                    stop = k;
                }
            }
            // A band narrower than a bin has no bin inside it: its power is 0, and the log takes the floor.
            first[m] = Math.Max(start, 0);
            weights[m] = start < 0 ? [] : all.AsSpan(start, stop - start + 1).ToArray();
        }
        return new MelFilterbank(first, weights);
    }

    /// <summary>Each band's weighted sum of <paramref name="power"/> into <paramref name="bands"/>.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> bands)
    {
        for (int m = 0; m < _first.Length; m++)
        {
            ReadOnlySpan<float> w = _weights[m];
            ReadOnlySpan<float> p = power.Slice(_first[m], w.Length);
            float sum = 0;
            for (int i = 0; i < w.Length; i++) sum += w[i] * p[i];
            bands[m] = sum;
        }
    }
}
