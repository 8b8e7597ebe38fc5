using System;
using System.Globalization;
using System.IO;
using System.Linq;
using RnnGen.Audio;
using RnnGen.Speech;
using RnnGen.Tests.Audio;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// rnngen classify with WAV clips the test writes (tones and noise, not speech), on the shipped spoken-digit classifier
/// (samples/speech): its answer is the one the library computes (the generated SpokenDigits, the front end its weights
/// name), and every clip it cannot read is named.
/// </summary>
public sealed class ClassifyCommandTests
{
    private static readonly string Spec = Path.Combine(CliProcess.RepoRoot, "samples", "speech", "spoken-digits.rnn.json");
    private static readonly string Weights = Path.Combine(CliProcess.RepoRoot, "samples", "speech", "spoken-digits.safetensors");

    private static float[] Clip(ulong seed, int count)
    {
        var random = new DeterministicRandom(seed);
        double hertz = 200 + 100 * (seed % 20);
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(0.3 * Math.Sin(2 * Math.PI * hertz * i / 16000)) + random.Uniform(-0.05f, 0.05f);
        return x;
    }

    /// <summary>The label of the largest output and that output (F4), as the library computes them for the clip.</summary>
    private static string Expected(float[] samples)
    {
        LogMelOptions options = LogMelMetadata.Read(SafeTensorsFile.Read(Weights).Metadata, out string? problem)!;
        Assert.Null(problem);
        Assert.True(options.MeanNormalization);
        float[] frames = new LogMelFrontEnd(options).Compute(new PcmAudio(16000, samples));
        SpokenDigits model = SpokenDigits.Load(Weights);
        var outputs = new float[10];
        ((IDenseRnnModel)model).Forward(frames, outputs);
        int best = 0;
        for (int k = 1; k < 10; k++) if (outputs[k] > outputs[best]) best = k;
        return SpokenDigits.Info.Labels[best] + "  " + outputs[best].ToString("0.0000", CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Classify_prints_the_label_and_output_the_library_computes()
    {
        using var temp = new TempFolder();
        float[] a = Clip(3, 8000);
        float[] b = Clip(11, 12345);
        WavFile.Write(temp.File("a.wav"), new PcmAudio(16000, a));
        WavFile.Write(temp.File("b.WAV"), new PcmAudio(16000, b));
        // The samples as the file holds them (16-bit), which is what the command reads.
        float[] aRead = WavFile.Read(temp.File("a.wav")).Samples.ToArray();
        float[] bRead = WavFile.Read(temp.File("b.WAV")).Samples.ToArray();

        // One clip: a row per digit, the chosen one marked.
        CliRun one = CliProcess.Run("classify", Spec, temp.File("a.wav"));
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(10, one.Lines.Length);
        Assert.Equal(SpokenDigits.Info.Labels, one.Lines.Select(l => l.Split(' ')[0]));
        string chosen = Assert.Single(one.Lines, l => l.EndsWith("←", StringComparison.Ordinal));
        Assert.Equal(Expected(aRead), string.Join("  ", chosen.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]));

        CliRun two = CliProcess.Run("classify", Spec, temp.File("a.wav"), temp.File("b.WAV"), "--weights", Weights);
        Assert.True(two.ExitCode == 0, two.ToString());
        Assert.Equal([temp.File("a.wav") + "  " + Expected(aRead), temp.File("b.WAV") + "  " + Expected(bRead)], two.Lines);
    }

    [Fact]
    public void Clips_it_cannot_read_are_named()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("stereo.wav"), TestWav.Riff([("fmt ", TestWav.Fmt(channels: 2)), ("data", new byte[8])]));
        WavFile.Write(temp.File("fast.wav"), new PcmAudio(22050, Clip(1, 4000)));
        File.WriteAllBytes(temp.File("empty.wav"), TestWav.Mono16([]));

        CliRun stereo = CliProcess.Run("classify", Spec, temp.File("stereo.wav"));
        Assert.Equal(1, stereo.ExitCode);
        Assert.Equal($"rnngen: error: {temp.File("stereo.wav")}: 2 channels: only mono is read; mix it down: sox in.wav -c 1 out.wav", stereo.Stderr.Trim());

        CliRun fast = CliProcess.Run("classify", Spec, temp.File("fast.wav"));
        Assert.Equal(1, fast.ExitCode);
        Assert.Equal($"rnngen: error: {temp.File("fast.wav")}: the audio is at 22050 Hz; the model's front end reads 16000 Hz (resample it: sox in.wav -r 16000 out.wav)",
            fast.Stderr.Trim());

        CliRun empty = CliProcess.Run("classify", Spec, temp.File("empty.wav"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Equal($"rnngen: error: {temp.File("empty.wav")}: the audio has no samples", empty.Stderr.Trim());

        CliRun missing = CliProcess.Run("classify", Spec, temp.File("none.wav"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"rnngen: error: {temp.File("none.wav")}: no such file", missing.Stderr.Trim());
        Assert.Empty(missing.Stdout);
    }

    [Fact]
    public void Text_for_an_audio_classifier_or_a_mix_of_clips_and_text_is_a_usage_error()
    {
        CliRun text = CliProcess.Run("classify", Spec, "seven");
        Assert.Equal(2, text.ExitCode);
        Assert.Equal("rnngen: error: model 'spoken-digits' reads dense vectors, not text; give it WAV files (file.wav)", text.Stderr.Trim());
        CliRun mixed = CliProcess.Run("classify", Spec, "clip.wav", "notes.txt");
        Assert.Equal(2, mixed.ExitCode);
        Assert.Equal("rnngen: error: 'notes.txt' is not a .wav file; give only WAV files, or only text", mixed.Stderr.Trim());
    }
}
