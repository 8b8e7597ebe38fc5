using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Audio;
using RnnGen.Data.Speech;
using RnnGen.Speech;
using RnnGen.Tests.Cli;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>
/// The spoken-digit data and classifier pieces of rnngen-data on clips the tests make (tones, not speech): noise at an
/// SNR, the split by voice variant, clips.tsv, the last-step sequences, the scores, and a short training of the
/// generated SpokenDigits program that learns ten tones.
/// </summary>
public sealed class SpeechDataTests
{
    private static float[] Tone(double hertz, int count, double amplitude = 0.3)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hertz * i / 16000));
        return x;
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(10.0)]
    [InlineData(5.0)]
    [InlineData(0.0)]
    public void Noise_is_added_at_the_SNR_and_is_the_same_for_the_same_seed(double snr)
    {
        float[] clean = Tone(440, 32000);
        float[] noisy = NoiseMixer.Mix(clean, snr, 7);
        double signal = clean.Sum(x => (double)x * x);
        double noise = clean.Zip(noisy, (c, n) => (double)(n - c) * (n - c)).Sum();
        double measured = 10 * Math.Log10(signal / noise);
        Assert.InRange(measured, snr - 0.1, snr + 0.1);
        Assert.Equal(noisy, NoiseMixer.Mix(clean, snr, 7));
        Assert.NotEqual(noisy, NoiseMixer.Mix(clean, snr, 8));
        Assert.NotEqual(NoiseMixer.ClipSeed(1, 0), NoiseMixer.ClipSeed(1, 1));
        // The noise is white and Gaussian: mean about 0, and about 68 % of it within one standard deviation.
        double sigma = Math.Sqrt(noise / clean.Length);
        double[] e = clean.Zip(noisy, (c, n) => (double)(n - c)).ToArray();
        Assert.InRange(e.Average() / sigma, -0.03, 0.03);
        Assert.InRange(e.Count(v => Math.Abs(v) < sigma) / (double)e.Length, 0.66, 0.70);
    }

    [Fact]
    public void The_split_is_by_voice_variant_and_test_clips_get_every_SNR()
    {
        string[] files = ["en-us+m3/five-s130-p50.wav", "en-gb+m1/one-s165-p30.wav", "en-gb+m1/two-s165-p30.wav", "en-029+f4/nine-s200-p70.wav"];
        IReadOnlyList<SpeechSource> plan = SpeechDataset.Plan(files, "clean");
        Assert.Equal(
        [
            "valid/en-029+f4/nine-s200-p70-clean.wav",
            "train/en-gb+m1/one-s165-p30-20db.wav",
            "train/en-gb+m1/two-s165-p30-10db.wav",
            "test/en-us+m3/five-s130-p50-clean.wav", "test/en-us+m3/five-s130-p50-20db.wav",
            "test/en-us+m3/five-s130-p50-10db.wav", "test/en-us+m3/five-s130-p50-5db.wav",
        ], plan.Select(p => p.Clip.File));
        Assert.Equal(Enumerable.Range(0, 7), plan.Select(p => p.Index));
        SpeechClip five = plan[^1].Clip;
        Assert.Equal(("five", "en-us", "m3", 130, 50, (double?)5.0, "test"), (five.Label, five.Accent, five.Variant, five.Speed, five.Pitch, five.SnrDb, five.Split));
        Assert.Equal("en-us+m3", five.Voice);
        Assert.Empty(SpeechSplit.TrainVariants.Intersect(SpeechSplit.TestVariants).Concat(SpeechSplit.TrainVariants.Intersect(SpeechSplit.ValidVariants))
            .Concat(SpeechSplit.ValidVariants.Intersect(SpeechSplit.TestVariants)));

        InvalidDataException name = Assert.Throws<InvalidDataException>(() => SpeechDataset.Plan(["en-us+m3/fiv-s130-p50.wav"], "clean"));
        Assert.Equal("clean/en-us+m3/fiv-s130-p50.wav: not a clip of make-speech.sh (<accent>+<variant>/<digit>-s<speed>-p<pitch>.wav)", name.Message);
        InvalidDataException variant = Assert.Throws<InvalidDataException>(() => SpeechDataset.Plan(["en-us+m9/five-s130-p50.wav"], "clean"));
        Assert.Equal("clean/en-us+m9/five-s130-p50.wav: the voice variant 'm9' is in no split (SpeechSplit)", variant.Message);
    }

    [Fact]
    public void The_manifest_round_trips_and_names_bad_lines()
    {
        SpeechClip[] clips =
        [
            new("test/en-us+m3/five-s130-p50-clean.wav", "five", "en-us", "m3", 130, 50, null, "test"),
            new("train/en-gb+m1/one-s165-p30-20db.wav", "one", "en-gb", "m1", 165, 30, 20, "train"),
        ];
        string text = SpeechManifest.Format(clips);
        Assert.Equal(clips, SpeechManifest.Parse(text, "clips.tsv"));
        Assert.Equal("clips.tsv:3: the SNR 'loud' is not a number (empty for a clean clip)",
            Assert.Throws<InvalidDataException>(() => SpeechManifest.Parse(text.Replace("\t20\t", "\tloud\t"), "clips.tsv")).Message);
        Assert.Equal("clips.tsv:2: the label 'fife' is not one of zero, one, two, three, four, five, six, seven, eight, nine",
            Assert.Throws<InvalidDataException>(() => SpeechManifest.Parse(text.Replace("\tfive\t", "\tfife\t"), "clips.tsv")).Message);
        Assert.StartsWith("clips.tsv:1: the header is not",
            Assert.Throws<InvalidDataException>(() => SpeechManifest.Parse("file label\n", "clips.tsv")).Message);
    }

    [Fact]
    public void A_clip_is_scored_at_its_last_frame_only()
    {
        var frames = new float[3 * 40];
        TrainingSequence s = DigitSequences.ToSequence(frames, 40, "two");
        Assert.Equal(3, s.Length);
        Assert.Equal([0f, 0f, 1f], s.StepWeights.ToArray());
        Assert.Equal(1.0, s.Weight);
        float[] targets = s.Targets.ToArray();
        Assert.Equal(30, targets.Length);
        Assert.Equal(1f, targets[20 + 2]);
        Assert.Equal(1f, targets.Sum());
    }

    [Fact]
    public void Scores_count_each_clip_once_in_its_confusion_cell()
    {
        SpeechClip Clip(string label, string variant, double? snr) => new("x.wav", label, "en", variant, 160, 50, snr, "test");
        SpeechClip[] clips = [Clip("zero", "m3", null), Clip("zero", "m3", 5), Clip("one", "f2", null), Clip("nine", "f2", 5)];
        var scores = new DigitScores(clips, [0, 1, 1, 9]);
        Assert.Equal(3, scores.Correct);
        Assert.Equal(0.75, scores.Accuracy);
        int[,] confusion = scores.Confusion();
        Assert.Equal(1, confusion[0, 0]);
        Assert.Equal(1, confusion[0, 1]);
        Assert.Equal(1, confusion[1, 1]);
        Assert.Equal(1, confusion[9, 9]);
        Assert.Equal(4, confusion.Cast<int>().Sum());
        Assert.Equal([("m3", 1, 2), ("f2", 2, 2)], scores.By(c => c.Variant));
        string table = scores.Format("t");
        Assert.StartsWith("t: 3 of 4 clips right, accuracy 0.7500 (95 % interval", table);
        Assert.Contains("| clean | 2 | 1.0000 |\n| 5 dB | 2 | 0.5000 |", table);
        Assert.Contains("| zero | **1** | 1 | 0 |", table);
    }

    [Fact]
    public void The_generated_classifier_learns_ten_tones_from_WAV_files()
    {
        // Ten "digits": tones of 300 + 400k Hz, with noise; clips of 0.2-0.3 s written as WAV files and read back.
        using var temp = new TempFolder();
        var clips = new List<SpeechClip>();
        for (int k = 0; k < 10; k++)
        {
            for (int r = 0; r < 6; r++)
            {
                string file = $"tone{k}-{r}.wav";
                float[] samples = NoiseMixer.Mix(Tone(300 + 400 * k, 3200 + 320 * r), 10, (ulong)(k * 10 + r));
                WavFile.Write(temp.File(file), new PcmAudio(16000, samples));
                clips.Add(new SpeechClip(file, SpeechSplit.Digits[k], "en", r < 4 ? "m1" : "m3", 160, 50, 10, r < 4 ? "train" : "test"));
            }
        }
        LogMelOptions options = LogMelOptions.Standard with { MeanNormalization = false };
        float[][] frames = SpeechFeatures.Compute(temp.Path, clips, options, threads: 2);
        Assert.Equal(1 + (3200 - 400) / 160, frames[0].Length / 40);
        int[] train = Enumerable.Range(0, clips.Count).Where(i => clips[i].Split == "train").ToArray();
        int[] test = Enumerable.Range(0, clips.Count).Where(i => clips[i].Split == "test").ToArray();
        IReadOnlyList<TrainingSequence> sequences = DigitSequences.ToSequences(train.Select(i => frames[i]).ToList(), train.Select(i => clips[i]).ToList(), 40);
        var trainer = new Trainer(SpokenDigits.Training, new TrainerOptions { Epochs = 25, LearningRate = 0.01, BatchSize = 8, Seed = 1, MaxGradientNorm = 5 });
        TrainingResult result = trainer.Train(sequences, null, null, default);
        var model = (IDenseRnnModel)SpokenDigits.Training.CreateModel(result.Parameters);
        var outputs = new float[10];
        int[] predicted = test.Select(i => DigitSequences.Predict(model, frames[i], outputs)).ToArray();
        var scores = new DigitScores(test.Select(i => clips[i]).ToList(), predicted);
        Assert.True(scores.Accuracy >= 0.9, scores.Format("tones"));
    }
}
