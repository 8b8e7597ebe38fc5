using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using RnnGen.Audio;
using RnnGen.Data.Speech;
using RnnGen.Speech;
using RnnGen.Training;

namespace RnnGen.Data.Commands;

/// <summary>
/// <c>speech-train --data data/speech --out samples/speech/spoken-digits.safetensors</c>: trains the spoken-digit
/// classifier (samples/speech/spoken-digits.rnn.json, compiled into this tool) on the training voices with the last-step
/// loss, stops early on the validation voices, writes the weights with the front end's parameters in their metadata and
/// prints the test voices' scores; <c>speech-eval</c> prints the scores of given weights.
/// </summary>
internal static class SpeechTrainCommand
{
    /// <summary>The classifier's front end: the standard log-mel parameters with per-utterance mean normalisation.</summary>
    public static LogMelOptions FrontEnd { get; } = LogMelOptions.Standard with { MeanNormalization = true };

    private static Option<string> Data() => new("--data")
    {
        Description = "The folder speech wrote (clips.tsv and the clips).",
        HelpName = "dir",
        DefaultValueFactory = _ => "data/speech",
    };

    public static Command Create()
    {
        Option<string> data = Data();
        Option<string> output = new("--out") { Description = "The weights file to write.", HelpName = "file", DefaultValueFactory = _ => "samples/speech/spoken-digits.safetensors" };
        Option<int> epochs = new("--epochs") { Description = "Epochs at most.", DefaultValueFactory = _ => 30 };
        Option<double> lr = new("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 0.003 };
        Option<int> batch = new("--batch") { Description = "Sequences per update.", DefaultValueFactory = _ => 32 };
        Option<int> patience = new("--patience") { Description = "Stop after this many epochs without a lower validation loss.", DefaultValueFactory = _ => 5 };
        Option<ulong> seed = new("--seed") { Description = "The seed of the initial weights and the shuffles.", DefaultValueFactory = _ => 1 };
        Option<string?> curves = new("--curves") { Description = "Write each epoch's losses as CSV here.", HelpName = "file" };
        var command = new Command("speech-train", "Train the spoken-digit classifier (samples/speech/spoken-digits.rnn.json) on the training voices, validate on the validation voices, write the weights and print the test voices' accuracy and confusion table.")
        {
            data, output, epochs, lr, batch, patience, seed, curves,
        };
        command.SetAction(parsed => Train(parsed.GetRequiredValue(data), parsed.GetRequiredValue(output), new TrainerOptions
        {
            Epochs = parsed.GetValue(epochs),
            LearningRate = parsed.GetValue(lr),
            BatchSize = parsed.GetValue(batch),
            Patience = parsed.GetValue(patience),
            Seed = parsed.GetValue(seed),
            MaxGradientNorm = 5,
        }, parsed.GetValue(curves)));
        return command;
    }

    public static Command CreateEval()
    {
        Option<string> data = Data();
        Option<string> weights = new("--weights") { Description = "The weights file.", HelpName = "file", DefaultValueFactory = _ => "samples/speech/spoken-digits.safetensors" };
        Option<string> split = new("--split") { Description = "The split to score: train, valid or test.", DefaultValueFactory = _ => SpeechSplit.Test };
        var command = new Command("speech-eval", "Print the spoken-digit classifier's accuracy, per SNR and voice variant, and its confusion table on a split.")
        {
            data, weights, split,
        };
        command.SetAction(parsed =>
        {
            string folder = parsed.GetRequiredValue(data);
            IReadOnlyList<SpeechClip> clips = Clips(folder, parsed.GetRequiredValue(split));
            SpokenDigits model = SpokenDigits.Load(parsed.GetRequiredValue(weights));
            Console.Write(Score(model, folder, clips).Format($"{parsed.GetRequiredValue(split)} voices ({string.Join(" ", clips.Select(c => c.Variant).Distinct())})"));
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<SpeechClip> Clips(string folder, string split)
    {
        string manifest = Path.Combine(folder, SpeechManifest.FileName);
        if (!File.Exists(manifest)) throw new IOException($"{manifest}: no such file; run 'speech' first");
        List<SpeechClip> clips = SpeechManifest.Parse(File.ReadAllText(manifest), manifest).Where(c => c.Split == split).ToList();
        if (clips.Count == 0) throw new InvalidDataException($"{manifest}: no clips in the split '{split}'");
        return clips;
    }

    private static DigitScores Score(IDenseRnnModel model, string folder, IReadOnlyList<SpeechClip> clips)
    {
        float[][] frames = SpeechFeatures.Compute(folder, clips, FrontEnd, Environment.ProcessorCount);
        var outputs = new float[model.Info.OutputSize];
        int[] predicted = frames.Select(f => DigitSequences.Predict(model, f, outputs)).ToArray();
        return new DigitScores(clips, predicted);
    }

    private static int Train(string folder, string output, TrainerOptions options, string? curves)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SpeechClip> train = Clips(folder, SpeechSplit.Train);
        IReadOnlyList<SpeechClip> valid = Clips(folder, SpeechSplit.Valid);
        int bands = FrontEnd.MelBands;
        IReadOnlyList<TrainingSequence> trainSet = DigitSequences.ToSequences(SpeechFeatures.Compute(folder, train, FrontEnd, Environment.ProcessorCount), train, bands);
        IReadOnlyList<TrainingSequence> validSet = DigitSequences.ToSequences(SpeechFeatures.Compute(folder, valid, FrontEnd, Environment.ProcessorCount), valid, bands);
        Console.WriteLine(FormattableString.Invariant(
            $"features: {trainSet.Count} training and {validSet.Count} validation clips, {trainSet.Sum(s => s.Length):N0} and {validSet.Sum(s => s.Length):N0} frames ({clock.Elapsed.TotalSeconds:0.0} s)"));
        var trainer = new Trainer(SpokenDigits.Training, options);
        var progress = new Progress(e => Console.WriteLine(FormattableString.Invariant(
            $"epoch {e.Epoch}: train loss {e.TrainLoss:0.0000}, valid loss {e.ValidationLoss:0.0000} ({e.Seconds:0.0} s, {e.TokensPerSecond:N0} frames/s)")));
        TrainingResult result = trainer.Train(trainSet, validSet, progress, default);
        if (result.Stop == TrainingStop.Diverged) throw new InvalidDataException("training diverged; nothing written (try a lower --lr)");
        var metadata = new Dictionary<string, string>(LogMelMetadata.Write(FrontEnd))
        {
            ["model"] = SpokenDigits.Info.Key,
            ["note"] = "trained by rnngen-data speech-train on synthetic espeak-ng voices (docs/models.md)",
            ["data"] = "scripts/make-speech.sh, rnngen-data speech; training variants " + string.Join(" ", SpeechSplit.TrainVariants),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = result.History.BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["options"] = FormattableString.Invariant($"epochs {options.Epochs}, batch {options.BatchSize}, lr {options.LearningRate}, clip {options.MaxGradientNorm}, patience {options.Patience}"),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        result.Write(output, metadata);
        if (curves is not null) File.WriteAllText(curves, result.History.ToCsv());
        Console.WriteLine(FormattableString.Invariant($"kept epoch {result.History.BestEpoch} ({result.Stop}); wrote {output} ({clock.Elapsed.TotalMinutes:0.0} min)"));
        IReadOnlyList<SpeechClip> test = Clips(folder, SpeechSplit.Test);
        var model = (IDenseRnnModel)SpokenDigits.Training.CreateModel(result.Parameters);
        Console.Write(Score(model, folder, test).Format($"test voices ({string.Join(" ", SpeechSplit.TestVariants)})"));
        return 0;
    }

    private sealed class Progress(Action<EpochRecord> onEpoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is EpochRecord record) onEpoch(record);
        }
    }
}
