using System.Globalization;
using System.Numerics;

namespace RnnGen.Audio;

/// <summary>
/// The parameters of the log-mel front end. The defaults (<see cref="Standard"/>) are the usual ones for speech at
/// 16 kHz: 25 ms Hann windows (400 samples) every 10 ms (160), a 512-point FFT, 40 triangular mel bands (HTK's mel
/// scale) from 0 Hz to 8 kHz, the natural log of each band's power with a floor of 1e-10, no mean normalisation.
/// </summary>
public sealed record LogMelOptions
{
    /// <summary>The standard parameters (the defaults of every property).</summary>
    public static LogMelOptions Standard { get; } = new();

    /// <summary>The sample rate the front end reads, in Hz (16,000).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Samples per window (400: 25 ms at 16 kHz); each window is weighted by a periodic Hann window.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Samples from one window's start to the next's (160: 10 ms at 16 kHz).</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>The FFT's length, a power of two at least <see cref="WindowLength"/> (512); the window is zero-padded to it.</summary>
    public int FftLength { get; init; } = 512;

    /// <summary>The number of mel bands: the values per frame (40).</summary>
    public int MelBands { get; init; } = 40;

    /// <summary>The lowest band's lower edge, in Hz (0).</summary>
    public double LowFrequency { get; init; }

    /// <summary>The highest band's upper edge, in Hz, at most half the sample rate (8,000).</summary>
    public double HighFrequency { get; init; } = 8000;

    /// <summary>The floor of a band's power before the log: a silent band gives ln(1e-10) ≈ −23.03.</summary>
    public float LogFloor { get; init; } = 1e-10f;

    /// <summary>Whether each band's mean over the clip's frames is subtracted from it (per-utterance mean normalisation).</summary>
    public bool MeanNormalization { get; init; }

    /// <summary>What is wrong with these parameters, or <see langword="null"/> when they can be used.</summary>
    public string? Problem()
    {
        if (SampleRate < 1) return Invariant($"the sample rate {SampleRate} is below 1 Hz");
        if (WindowLength < 2) return Invariant($"the window length {WindowLength} is below 2 samples");
        if (HopLength < 1) return Invariant($"the hop length {HopLength} is below 1 sample");
        if (FftLength < WindowLength || !BitOperations.IsPow2(FftLength) || FftLength > 1 << 20)
        {
            return Invariant($"the FFT length {FftLength} is not a power of two from the window length {WindowLength} to 2^20");
        }
        if (MelBands < 1 || MelBands > FftLength / 2) return Invariant($"{MelBands} mel bands: from 1 to half the FFT length ({FftLength / 2})");
        if (!double.IsFinite(LowFrequency) || LowFrequency < 0) return Invariant($"the low frequency {LowFrequency} Hz is below 0");
        if (!double.IsFinite(HighFrequency) || HighFrequency <= LowFrequency || HighFrequency > SampleRate / 2.0)
        {
            return Invariant($"the high frequency {HighFrequency} Hz is not above the low one ({LowFrequency} Hz) and at most half the sample rate ({SampleRate / 2.0} Hz)");
        }
        if (!float.IsFinite(LogFloor) || LogFloor <= 0) return Invariant($"the log floor {LogFloor} is not a positive number");
        return null;
    }

    /// <summary>The parameters in one line, as the docs and the benchmark print them.</summary>
    public override string ToString() => Invariant(
        $"{SampleRate} Hz, window {WindowLength}, hop {HopLength}, FFT {FftLength}, {MelBands} mel bands {LowFrequency}-{HighFrequency} Hz, log floor {LogFloor}, mean normalisation {(MeanNormalization ? "on" : "off")}");

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
