using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen;
using RnnGen.Data.Music;
using RnnGen.Training;

namespace MusicGen.Commands;

/// <summary><c>musicgen train</c>: a model trained on the training tunes, stopped early on the validation tunes.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        Argument<string> model = Shared.ModelArgument();
        Option<string> data = Shared.DataOption();
        Option<string> weights = Shared.WeightsOption();
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 150 };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 3e-3 };
        var clip = new Option<double>("--clip") { DefaultValueFactory = _ => 5 };
        var patience = new Option<int>("--patience") { DefaultValueFactory = _ => 15 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW's decoupled weight decay (0: Adam).", DefaultValueFactory = _ => 0 };
        var chunk = new Option<int>("--chunk") { Description = "Training tunes are cut into pieces of this many steps.", DefaultValueFactory = _ => 128 };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1 };
        var curves = new Option<string?>("--curves") { Description = "Write the history as CSV here." };
        var command = new Command("train", "Train a model on the training tunes, stopping early on the validation tunes; write the kept weights.")
        {
            model, data, weights, epochs, batch, lr, clip, patience, weightDecay, chunk, seed, curves,
        };
        command.SetAction(p =>
        {
            MusicModel m = MusicModels.Find(p.GetRequiredValue(model));
            string folder = p.GetRequiredValue(data);
            var options = new TrainerOptions
            {
                Epochs = p.GetValue(epochs), BatchSize = p.GetValue(batch), LearningRate = p.GetValue(lr),
                MaxGradientNorm = p.GetValue(clip), Patience = p.GetValue(patience), Seed = p.GetValue(seed),
                WeightDecay = p.GetValue(weightDecay), DecoupledWeightDecay = p.GetValue(weightDecay) > 0,
                Schedule = LearningRateSchedule.Cosine(0, 0.1),
            };
            return Train(m, folder, Shared.WeightsPath(m.Key, p.GetValue(weights)), options, p.GetValue(chunk), p.GetValue(curves));
        });
        return command;
    }

    private static int Train(MusicModel model, string folder, string weightsPath, TrainerOptions options, int chunk, string? curves)
    {
        Vocabulary vocabulary = Shared.CheckedVocabulary(model, folder);
        int end = vocabulary.IndexOf(AbcSymbols.End);
        IReadOnlyList<int[]> train = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, TunePart.Train));
        IReadOnlyList<int[]> valid = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, TunePart.Valid));
        IReadOnlyList<TrainingSequence> trainSequences = NextSymbolSequences.Of(train, vocabulary.Count, end, chunk);
        IReadOnlyList<TrainingSequence> validSequences = NextSymbolSequences.Of(valid, vocabulary.Count, end, int.MaxValue);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model.Key}: {train.Count} training tunes in {trainSequences.Count} pieces of up to {chunk} steps, {valid.Count} validation tunes; {options}"));
        var trainer = new Trainer(model.Training, options);
        var progress = new Progress(r => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch,3}: train {r.TrainLoss:F4}  valid {r.ValidationLoss:F4} (perplexity {Math.Exp(r.ValidationLoss):F3})  {r.Seconds:F1} s")));
        TrainingResult result = trainer.Train(trainSequences, validSequences, progress);
        if (result.Stop == TrainingStop.Diverged)
        {
            Console.Error.WriteLine("musicgen: training diverged; nothing written");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        result.Write(weightsPath, new Dictionary<string, string>
        {
            ["model"] = model.Key,
            ["note"] = "trained by musicgen train (samples/MusicGen)",
            ["data"] = "rnngen-data music --seed 1: the training tunes of the ABC examples of Debian's abcmidi and abcm2ps",
            ["epoch"] = result.History.BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["options"] = options.ToString(),
        });
        if (curves is not null) File.WriteAllText(curves, result.History.ToCsv());
        EpochRecord best = result.History.Epochs[result.History.BestEpoch - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kept epoch {best.Epoch} (valid perplexity {Math.Exp(best.ValidationLoss):F3}) -> {weightsPath}"));
        return 0;
    }

    private sealed class Progress(Action<EpochRecord> epoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is EpochRecord r) epoch(r);
        }
    }
}
