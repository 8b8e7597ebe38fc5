using System;
using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace RnnGen.Audio;

/// <summary>
/// Log-mel frames of a clip: the dense x&lt;t&gt; of a model that hears. Frame t covers samples
/// [t · hop, t · hop + window); each is weighted by a periodic Hann window w[n] = ½ − ½ cos(2πn / window), zero-padded
/// to the FFT's length, transformed (MathNet.Numerics's FFT, unscaled), turned into a power spectrum |X_k|² over the
/// bins k = 0 … N/2, summed into triangular mel bands (<see cref="MelScale"/>) and logged: x_m = ln(max(E_m, floor)).
/// With <see cref="LogMelOptions.MeanNormalization"/> each band's mean over the clip's frames is then subtracted.
/// </summary>
/// <remarks>
/// A clip of n samples has 1 + ⌊(n − window) / hop⌋ frames (the samples after the last whole frame are not read); a clip
/// shorter than a window has one frame, zero-padded; an empty clip has none. No pre-emphasis, no dither, no centring.
/// The front end owns its buffers, so computing frames allocates nothing; an instance is therefore not thread-safe: use
/// one per thread.
/// </remarks>
public sealed class LogMelFrontEnd
{
    private readonly MelFilterbank _filters;
    private readonly float[] _window;
    private readonly Complex32[] _spectrum;
    private readonly float[] _power;

    /// <summary>A front end with the given parameters.</summary>
    /// <param name="options">The parameters; <see cref="LogMelOptions.Standard"/> for the usual ones.</param>
    /// <exception cref="ArgumentException">The parameters cannot be used (<see cref="LogMelOptions.Problem"/> says why).</exception>
    public LogMelFrontEnd(LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = options.Problem();
        if (problem is not null) throw new ArgumentException("log-mel options: " + problem, nameof(options));
        Options = options;
        _filters = MelFilterbank.Create(options.MelBands, options.FftLength, options.SampleRate, options.LowFrequency, options.HighFrequency);
        _window = HannWindow(options.WindowLength);
        _spectrum = new Complex32[options.FftLength];
        _power = new float[options.FftLength / 2 + 1];
    }

    /// <summary>The parameters.</summary>
    public LogMelOptions Options { get; }

    /// <summary>The values per frame: the number of mel bands.</summary>
    public int Bands => Options.MelBands;

    /// <summary>The number of frames of a clip of <paramref name="sampleCount"/> samples.</summary>
    /// <param name="sampleCount">The clip's samples, at least 0.</param>
    public int FrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (sampleCount == 0) return 0;
        if (sampleCount <= Options.WindowLength) return 1;
        return 1 + (sampleCount - Options.WindowLength) / Options.HopLength;
    }

    /// <summary>The frames of a clip at the front end's sample rate, frame after frame (FrameCount × Bands values).</summary>
    /// <param name="audio">The clip.</param>
    /// <returns>The frames, x&lt;1&gt; first.</returns>
    /// <exception cref="ArgumentException">The clip's sample rate is not the front end's, or the clip is empty.</exception>
    public float[] Compute(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.SampleRate != Options.SampleRate)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the audio is at {audio.SampleRate} Hz; the front end reads {Options.SampleRate} Hz (resample it: sox in.wav -r {Options.SampleRate} out.wav)"),
                nameof(audio));
        }
        if (audio.Samples.Length == 0) throw new ArgumentException("the audio has no samples", nameof(audio));
        var frames = new float[FrameCount(audio.Samples.Length) * Bands];
        Compute(audio.Samples.Span, frames);
        return frames;
    }

    /// <summary>The frames of <paramref name="samples"/> into <paramref name="frames"/>; allocates nothing.</summary>
    /// <param name="samples">The clip's samples, at the front end's sample rate.</param>
    /// <param name="frames">FrameCount(samples.Length) × Bands values.</param>
    /// <exception cref="ArgumentException"><paramref name="frames"/> has another length.</exception>
    public void Compute(ReadOnlySpan<float> samples, Span<float> frames)
    {
        int count = FrameCount(samples.Length);
        if (frames.Length != count * Bands)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{frames.Length} values for {count} frames of {Bands} bands"), nameof(frames));
        }
        for (int t = 0; t < count; t++)
        {
            int start = t * Options.HopLength;
            int length = Math.Min(Options.WindowLength, samples.Length - start);
            ComputeFrame(samples.Slice(start, length), frames.Slice(t * Bands, Bands));
        }
        if (Options.MeanNormalization) SubtractMeans(frames, count, Bands);
    }

    /// <summary>One frame's log-mel values (no mean normalisation: that needs the whole clip); allocates nothing.</summary>
    /// <param name="window">At most WindowLength samples; fewer are zero-padded.</param>
    /// <param name="bands">Bands values.</param>
    public void ComputeFrame(ReadOnlySpan<float> window, Span<float> bands)
    {
        if (window.Length > _window.Length) throw new ArgumentException($"{window.Length} samples for a window of {_window.Length}", nameof(window));
        if (bands.Length != Bands) throw new ArgumentException($"{bands.Length} values for {Bands} bands", nameof(bands));
        Span<Complex32> spectrum = _spectrum;
        for (int n = 0; n < window.Length; n++) spectrum[n] = new Complex32(window[n] * _window[n], 0f);
        spectrum[window.Length..].Clear();
        Fourier.Forward(_spectrum, FourierOptions.NoScaling);
        for (int k = 0; k < _power.Length; k++)
        {
            Complex32 x = spectrum[k];
            _power[k] = x.Real * x.Real + x.Imaginary * x.Imaginary;
        }
        _filters.Apply(_power, bands);
        float floor = Options.LogFloor;
        for (int m = 0; m < bands.Length; m++) bands[m] = MathF.Log(Math.Max(bands[m], floor));
    }

    private static void SubtractMeans(Span<float> frames, int count, int bands)
    {
        for (int m = 0; m < bands; m++)
        {
            double sum = 0;
            for (int t = 0; t < count; t++) sum += frames[t * bands + m];
            float mean = (float)(sum / count);
            for (int t = 0; t < count; t++) frames[t * bands + m] -= mean;
        }
    }

    private static float[] HannWindow(int length)
    {
        var w = new float[length];
        for (int n = 0; n < length; n++) w[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * n / length));
        return w;
    }
}
