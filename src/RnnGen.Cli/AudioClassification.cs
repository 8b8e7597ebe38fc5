using System;
using System.Collections.Generic;
using RnnGen.Audio;

namespace RnnGen.Cli;

/// <summary>
/// What a dense-input classifier hears in a WAV file (rnngen classify &lt;model&gt; &lt;file.wav&gt;): the file's log-mel
/// frames (RnnGen.Audio), computed with the front end the weights file names in its metadata (<c>log-mel.*</c>, which
/// <c>rnngen-data speech-train</c> writes), else with the standard one; then the classifier's output after the last frame.
/// </summary>
internal static class AudioClassification
{
    /// <summary>Whether an input is read as a WAV file: its name ends in .wav (any case).</summary>
    public static bool IsWav(string input) => input.EndsWith(".wav", StringComparison.OrdinalIgnoreCase);

    /// <summary>The front end of the weights file, checked against the model: a dense model with one input per mel band.</summary>
    public static Result<LogMelOptions> FrontEnd(RnnModelInfo info, string weightsPath)
    {
        if (info.InputEncoding != SpecWords.Dense)
        {
            return Failure.Usage($"model '{info.Key}' reads tokens, not audio: a WAV file needs a model whose x is dense log-mel frames");
        }
        IReadOnlyDictionary<string, string> metadata = SafeTensorsFile.Read(weightsPath).Metadata;
        LogMelOptions? named = LogMelMetadata.Read(metadata, out string? problem);
        if (problem is not null) return Failure.BadInput($"{weightsPath}: {problem}");
        LogMelOptions options = named ?? LogMelOptions.Standard;
        if (options.MelBands != info.InputSize)
        {
            string source = named is null ? "the standard front end (the weights name none)" : "the front end its weights name";
            return Failure.Usage($"model '{info.Key}' reads {info.InputSize} values a step, but {source} gives {options.MelBands} mel bands");
        }
        return Result<LogMelOptions>.Ok(options);
    }

    /// <summary>The log-mel frames of a WAV file, or a failure that names the file and what is wrong with it.</summary>
    public static Result<float[]> Frames(string wavPath, LogMelOptions options)
    {
        PcmAudio audio;
        try
        {
            audio = WavFile.Read(wavPath);
        }
        catch (WavFormatException e)
        {
            return Failure.BadInput(e.Message);
        }
        if (audio.SampleRate != options.SampleRate)
        {
            return Failure.BadInput(
                $"{wavPath}: the audio is at {audio.SampleRate} Hz; the model's front end reads {options.SampleRate} Hz (resample it: sox in.wav -r {options.SampleRate} out.wav)");
        }
        if (audio.Samples.Length == 0) return Failure.BadInput($"{wavPath}: the audio has no samples");
        return Result<float[]>.Ok(new LogMelFrontEnd(options).Compute(audio));
    }

    /// <summary>The classifier's one output ŷ after the last frame (OutputSize values).</summary>
    public static float[] Classify(IDenseRnnModel model, float[] frames)
    {
        var outputs = new float[model.Info.OutputSize];
        model.Forward(frames, outputs);
        return outputs;
    }
}
