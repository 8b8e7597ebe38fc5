using System;

namespace RnnGen.Audio;

/// <summary>
/// A mono clip: its sample rate and its samples as numbers in [−1, 1) (a 16-bit sample s is s / 32768).
/// </summary>
/// <remarks>The array is held, not copied: do not change it while a front end reads it.</remarks>
public sealed class PcmAudio
{
    /// <summary>A clip of <paramref name="samples"/> at <paramref name="sampleRate"/> samples per second.</summary>
    /// <param name="sampleRate">Samples per second, at least 1.</param>
    /// <param name="samples">The samples, in [−1, 1) for audio read from 16-bit PCM.</param>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is below 1.</exception>
    public PcmAudio(int sampleRate, float[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentNullException.ThrowIfNull(samples);
        SampleRate = sampleRate;
        Samples = samples;
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>The samples, first to last.</summary>
    public ReadOnlyMemory<float> Samples { get; }

    /// <summary>The clip's length in seconds.</summary>
    public double Duration => (double)Samples.Length / SampleRate;
}
