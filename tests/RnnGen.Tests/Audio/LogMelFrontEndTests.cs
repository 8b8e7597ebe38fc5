using System;
using RnnGen.Audio;
using Xunit;

namespace RnnGen.Tests.Audio;

/// <summary>The log-mel front end against the slow reference (direct DFT, the mel formula) on signals made here.</summary>
public sealed class LogMelFrontEndTests
{
    private const int Rate = 16000;

    private static float[] Tone(double hertz, int count, double amplitude = 0.5)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hertz * i / Rate));
        return x;
    }

    /// <summary>A chirp from 100 Hz to 7 kHz plus seeded white noise: every band has energy in some frame.</summary>
    private static float[] ChirpAndNoise(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var x = new float[count];
        double phase = 0;
        for (int i = 0; i < count; i++)
        {
            double f = 100 + 6900.0 * i / count;
            phase += 2 * Math.PI * f / Rate;
            x[i] = (float)(0.4 * Math.Sin(phase)) + random.Uniform(-0.05f, 0.05f);
        }
        return x;
    }

    [Theory]
    [InlineData(4000, 1UL, false)]
    [InlineData(1000, 2UL, false)]
    [InlineData(250, 3UL, false)] // shorter than a window: one zero-padded frame
    [InlineData(4321, 4UL, true)]
    public void Frames_match_the_direct_DFT_reference(int count, ulong seed, bool meanNormalization)
    {
        float[] x = ChirpAndNoise(count, seed);
        var frontEnd = new LogMelFrontEnd(LogMelOptions.Standard with { MeanNormalization = meanNormalization });
        float[] frames = frontEnd.Compute(new PcmAudio(Rate, x));
        double[,] expected = ReferenceLogMel.Compute(x);
        int t = expected.GetLength(0);
        Assert.Equal(t * 40, frames.Length);
        if (meanNormalization)
        {
            for (int m = 0; m < 40; m++)
            {
                double mean = 0;
                for (int i = 0; i < t; i++) mean += expected[i, m] / t;
                for (int i = 0; i < t; i++) expected[i, m] -= mean;
            }
        }
        double worst = 0;
        for (int i = 0; i < t; i++)
        {
            for (int m = 0; m < 40; m++) worst = Math.Max(worst, Math.Abs(frames[i * 40 + m] - expected[i, m]));
        }
        Assert.True(worst < 2e-3, $"largest difference from the reference: {worst} (in ln units)");
    }

    [Theory]
    [InlineData(300.0)]
    [InlineData(1000.0)]
    [InlineData(2500.0)]
    [InlineData(6000.0)]
    public void A_pure_tone_is_loudest_in_the_band_around_it(double hertz)
    {
        var frontEnd = new LogMelFrontEnd(LogMelOptions.Standard);
        float[] frames = frontEnd.Compute(new PcmAudio(Rate, Tone(hertz, 8000)));
        double[] edges = MelScale.BandEdges(40, 0, 8000);
        int expected = -1;
        for (int m = 0; m < 40; m++)
        {
            if (edges[m] < hertz && hertz < edges[m + 2] && (expected < 0 || Math.Abs(edges[m + 1] - hertz) < Math.Abs(edges[expected + 1] - hertz))) expected = m;
        }
        int frameCount = frames.Length / 40;
        for (int t = 0; t < frameCount; t++)
        {
            ReadOnlySpan<float> frame = frames.AsSpan(t * 40, 40);
            int loudest = 0;
            for (int m = 1; m < 40; m++) if (frame[m] > frame[loudest]) loudest = m;
            Assert.Equal(expected, loudest);
            // Far from the tone the bands hear only the Hann window's side lobes: more than ln(1e4) quieter.
            Assert.True(frame[loudest] - frame[expected < 20 ? 39 : 0] > Math.Log(1e4), $"frame {t}: {frame[loudest]} vs {frame[expected < 20 ? 39 : 0]}");
        }
    }

    [Fact]
    public void Silence_gives_the_floor_in_every_band()
    {
        var frontEnd = new LogMelFrontEnd(LogMelOptions.Standard);
        float[] frames = frontEnd.Compute(new PcmAudio(Rate, new float[1600]));
        Assert.Equal(8 * 40, frames.Length); // 1 + (1600 − 400) / 160
        Assert.All(frames, v => Assert.Equal(MathF.Log(1e-10f), v));
        var floored = new LogMelFrontEnd(LogMelOptions.Standard with { LogFloor = 1e-3f });
        Assert.All(floored.Compute(new PcmAudio(Rate, new float[500])), v => Assert.Equal(MathF.Log(1e-3f), v));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(400, 1)]
    [InlineData(559, 1)]
    [InlineData(560, 2)]
    [InlineData(16000, 98)]
    public void Frame_count_is_one_per_hop_of_whole_windows(int samples, int frames) =>
        Assert.Equal(frames, new LogMelFrontEnd(LogMelOptions.Standard).FrameCount(samples));

    [Fact]
    public void Computing_frames_allocates_nothing()
    {
        var frontEnd = new LogMelFrontEnd(LogMelOptions.Standard with { MeanNormalization = true });
        float[] x = ChirpAndNoise(16000, 5);
        var frames = new float[frontEnd.FrameCount(x.Length) * 40];
        frontEnd.Compute(x, frames);
        long before = GC.GetAllocatedBytesForCurrentThread();
        frontEnd.Compute(x, frames);
        frontEnd.ComputeFrame(x.AsSpan(0, 400), frames.AsSpan(0, 40));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Audio_at_another_rate_and_empty_audio_are_refused()
    {
        var frontEnd = new LogMelFrontEnd(LogMelOptions.Standard);
        ArgumentException rate = Assert.Throws<ArgumentException>(() => frontEnd.Compute(new PcmAudio(22050, new float[1000])));
        Assert.StartsWith("the audio is at 22050 Hz; the front end reads 16000 Hz (resample it: sox in.wav -r 16000 out.wav)", rate.Message);
        ArgumentException empty = Assert.Throws<ArgumentException>(() => frontEnd.Compute(new PcmAudio(Rate, [])));
        Assert.StartsWith("the audio has no samples", empty.Message);
        Assert.Throws<ArgumentException>(() => frontEnd.Compute(new float[1000], new float[40]));
    }

    [Theory]
    [InlineData(0, 400, 160, 512, 40, 8000.0, "the sample rate 0 is below 1 Hz")]
    [InlineData(16000, 400, 0, 512, 40, 8000.0, "the hop length 0 is below 1 sample")]
    [InlineData(16000, 400, 160, 500, 40, 8000.0, "the FFT length 500 is not a power of two from the window length 400 to 2^20")]
    [InlineData(16000, 400, 160, 256, 40, 8000.0, "the FFT length 256 is not a power of two from the window length 400 to 2^20")]
    [InlineData(16000, 400, 160, 512, 0, 8000.0, "0 mel bands: from 1 to half the FFT length (256)")]
    [InlineData(16000, 400, 160, 512, 40, 9000.0, "the high frequency 9000 Hz is not above the low one (0 Hz) and at most half the sample rate (8000 Hz)")]
    public void Unusable_options_are_named(int rate, int window, int hop, int fft, int bands, double high, string problem)
    {
        var options = new LogMelOptions { SampleRate = rate, WindowLength = window, HopLength = hop, FftLength = fft, MelBands = bands, HighFrequency = high };
        Assert.Equal(problem, options.Problem());
        ArgumentException e = Assert.Throws<ArgumentException>(() => new LogMelFrontEnd(options));
        Assert.StartsWith("log-mel options: " + problem, e.Message);
        Assert.Null(LogMelOptions.Standard.Problem());
    }

    [Fact]
    public void Mel_scale_is_HTKs_and_round_trips()
    {
        Assert.Equal(1000.0, MelScale.FromHertz(1000), 0);  // 999.99 by HTK's formula: 1000 Hz is about 1000 mel
        Assert.Equal(2595 * Math.Log10(1 + 4000.0 / 700), MelScale.FromHertz(4000), 12);
        foreach (double f in new[] { 0.0, 133.3, 1000, 7999.5 }) Assert.Equal(f, MelScale.ToHertz(MelScale.FromHertz(f)), 9);
        double[] edges = MelScale.BandEdges(40, 0, 8000);
        Assert.Equal(42, edges.Length);
        Assert.Equal(0, edges[0], 9);
        Assert.Equal(8000, edges[41], 9);
    }
}
