using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using RnnGen.Audio;

namespace RnnGen.Data.Speech;

/// <summary>The log-mel frames of clips, computed on every core with a front end per thread (a front end owns its buffers).</summary>
public static class SpeechFeatures
{
    /// <summary>Each clip's frames (T × bands values), in the clips' order.</summary>
    public static float[][] Compute(string dataFolder, IReadOnlyList<SpeechClip> clips, LogMelOptions options, int threads)
    {
        var frames = new float[clips.Count][];
        Parallel.For(0, clips.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => new LogMelFrontEnd(options),
            (i, _, frontEnd) =>
            {
                string path = Path.Combine(dataFolder, clips[i].File);
                PcmAudio audio = WavFile.Read(path);
                if (audio.SampleRate != options.SampleRate)
                {
                    throw new WavFormatException(path, $"the audio is at {audio.SampleRate} Hz; the front end reads {options.SampleRate} Hz");
                }
                if (audio.Samples.Length == 0) throw new WavFormatException(path, "the audio has no samples");
                frames[i] = frontEnd.Compute(audio);
                return frontEnd;
            },
            _ => { });
        return frames;
    }
}
