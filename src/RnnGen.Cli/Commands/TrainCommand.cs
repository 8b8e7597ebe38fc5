using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Threading;
using RnnGen.Training;

namespace RnnGen.Cli.Commands;

/// <summary>
/// <c>rnngen train &lt;model&gt; --data &lt;file&gt; --out &lt;weights&gt; …</c>: read CoNLL data, train the model's generated
/// program with the run-time <see cref="Trainer"/>, write the kept weights as safetensors (and the curves).
/// </summary>
internal static class TrainCommand
{
    public const string Note = "trained by rnngen train";

    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        var defaults = new TrainerOptions();
        Argument<string> model = CommonOptions.Model(models);
        Option<string> data = File("--data", "The training data: for a tagger CoNLL, one 'token<TAB>label' a line, a blank line between sentences; for a classifier one 'label<TAB>text' a line; for a generator text, a blank line between sequences.", required: true);
        Option<string> output = File("--out", "The safetensors file to write the trained weights to (overwritten if it exists).", required: true);
        output.Aliases.Add("-o");
        Option<string> valid = File("--valid", "Validation data (as --data), scored after every epoch; the weights of the epoch with the lowest validation loss are kept.", required: false);
        var split = new Option<double?>("--valid-split")
        {
            Description = "Hold out this fraction of --data as validation instead (0 < f < 1), chosen by --seed.",
            HelpName = "fraction",
        };
        Option<int> epochs = Int("--epochs", "Passes over the training data.", defaults.Epochs, min: 1);
        Option<int> batch = Int("--batch", "Sentences per update.", defaults.BatchSize, min: 1);
        Option<double> rate = Real("--lr", "Adam's learning rate.", defaults.LearningRate, positive: true);
        Option<double> clip = Real("--clip", "Clip the gradient's global L2 norm to this (clip_grad_norm_); 0: no clipping.", 0, positive: false);
        Option<double> decay = Real("--weight-decay", "Weight decay: Adam's L2 penalty (coupled, as torch.optim.Adam), or AdamW's with --optimizer adamw.", 0, positive: false);
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "adam (torch.optim.Adam) or adamw (torch.optim.AdamW: decoupled weight decay).",
            DefaultValueFactory = _ => "adam",
        };
        optimizer.AcceptOnlyFromAmong("adam", "adamw");
        var schedule = new Option<string>("--schedule")
        {
            Description = "The learning rate over the updates: constant, or cosine (half a cosine down to 0 at the last update).",
            DefaultValueFactory = _ => "constant",
        };
        schedule.AcceptOnlyFromAmong("constant", "cosine");
        Option<int> warmup = Int("--warmup", "Updates of linear warm-up before the schedule.", 0, min: 0);
        Option<int> patience = Int("--patience", "Stop after this many epochs without a lower validation loss; 0: run every epoch.", 0, min: 0);
        var seed = new Option<ulong>("--seed")
        {
            Description = "The seed of the initial weights, the validation split and the order of the sentences: the same seed, data and options write the same bytes.",
            HelpName = "n",
        };
        Option<int> threads = Int("--threads", "Threads that compute a batch's parts at once (the weights do not depend on it).", defaults.Threads, min: 1);
        Option<string> curves = File("--curves", "Write each epoch's losses, scores, learning rate and time to this CSV file.", required: false);
        Option<string> plot = File("--plot", "Draw the loss and F1 curves into this PNG file.", required: false);

        var command = new Command("train", "Train a one-hot tagging model on CoNLL data and write its weights as safetensors.")
        {
            model, data, output, valid, split, epochs, batch, rate, clip, decay, optimizer, schedule, warmup, patience, seed, threads, curves, plot,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(valid) is not null && result.GetResult(split) is not null)
            {
                result.AddError("--valid and --valid-split cannot both be given; use one");
            }
            if (result.GetValue(split) is double f && !(f > 0 && f < 1))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--valid-split {f} is not a fraction between 0 and 1"));
            }
            if (result.GetValue(patience) > 0 && result.GetResult(valid) is null && result.GetResult(split) is null)
            {
                result.AddError("--patience needs validation data: give --valid or --valid-split");
            }
        });
        command.SetAction(parsed =>
        {
            var request = new Request(
                parsed.GetRequiredValue(model), parsed.GetRequiredValue(data), parsed.GetRequiredValue(output), parsed.GetValue(valid),
                parsed.GetValue(split), parsed.GetValue(curves), parsed.GetValue(plot),
                new TrainerOptions
                {
                    Epochs = parsed.GetValue(epochs),
                    BatchSize = parsed.GetValue(batch),
                    LearningRate = parsed.GetValue(rate),
                    MaxGradientNorm = parsed.GetValue(clip),
                    WeightDecay = parsed.GetValue(decay),
                    DecoupledWeightDecay = parsed.GetValue(optimizer) == "adamw",
                    Schedule = parsed.GetValue(schedule) == "cosine"
                        ? LearningRateSchedule.Cosine(parsed.GetValue(warmup))
                        : LearningRateSchedule.Constant(parsed.GetValue(warmup)),
                    Patience = parsed.GetValue(patience),
                    Seed = parsed.GetValue(seed),
                    Threads = parsed.GetValue(threads),
                });
            // Ctrl+C stops the run between two updates and says so (System.CommandLine's own handling of an asynchronous
            // action would end the process before the message).
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += stop;
            try
            {
                return Run(terminal, models, request, cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
        });
        return command;
    }

    private static int Run(Terminal terminal, IReadOnlyList<RnnModelInfo> models, Request request, CancellationToken cancel)
    {
        foreach ((string option, string? path) in new[] { ("--out", request.Output), ("--curves", request.Curves), ("--plot", request.Plot) })
        {
            if (path is not null && Directory.Exists(path)) return terminal.Fail(Failure.BadInput($"{option} '{path}' is a directory; name the file to write"));
        }
        Result<ChosenModel> chosen = ModelLookup.Resolve(models, request.Model).Then(TaggingData.RequireTagger);
        if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
        RnnModelInfo info = chosen.Value.Info;
        Result<Vocabulary> vocabulary = TaggingData.RequireVocabulary(info, TrainingPrograms.Vocabulary(chosen.Value));
        if (vocabulary.Failure is not null) return terminal.Fail(vocabulary.Failure);

        // The data first, so that its errors show before anything runs.
        Result<ShapeCorpus> corpus = ShapeData.Read(request.Data, "--data", info, vocabulary.Value);
        if (corpus.Failure is not null) return terminal.Fail(corpus.Failure);
        IReadOnlyList<TrainingSequence> training = corpus.Value.Sequences;
        IReadOnlyList<TrainingSequence>? validation = null;
        var lines = new List<string> { corpus.Value.Summary };
        if (request.Valid is not null)
        {
            Result<ShapeCorpus> held = ShapeData.Read(request.Valid, "--valid", info, vocabulary.Value);
            if (held.Failure is not null) return terminal.Fail(held.Failure);
            validation = held.Value.Sequences;
            lines.Add(held.Value.Summary + ", validation");
        }
        else if (request.Split is double fraction)
        {
            if (training.Count < 2) return terminal.Fail(Failure.BadInput($"{request.Data} has one sentence; --valid-split needs two or more"));
            (training, validation) = Holdout.Split(training, fraction, request.Options.Seed);
            lines.Add($"validation: {Numbers.Size(validation.Count)} of its sentences held out (--valid-split {Numbers.Short(fraction)}, seed {Numbers.Int(request.Options.Seed)})");
        }

        Result<ITrainingProgram> program = TrainingPrograms.Find(chosen.Value);
        if (program.Failure is not null) return terminal.Fail(program.Failure);
        terminal.Print(lines, ExitCodes.Success);

        var trainer = new Trainer(program.Value, request.Options);
        TrainingResult result;
        try
        {
            result = TrainingConsole.Run(terminal, progress => trainer.Train(training, validation, progress, cancel));
        }
        catch (OperationCanceledException)
        {
            return terminal.Fail(new Failure(ExitCodes.Cancelled, "cancelled; nothing was written"));
        }
        if (result.Stop == TrainingStop.Diverged)
        {
            return terminal.Fail(Failure.BadInput(
                $"the loss stopped being a finite number in epoch {Numbers.Int(result.History.Epochs.Count + 1)}; nothing was written (try a lower --lr, or --clip 1)"));
        }

        result.Write(request.Output, Metadata(info, request, result));
        var written = new List<string> { request.Output };
        if (request.Curves is not null)
        {
            System.IO.File.WriteAllText(request.Curves, result.History.ToCsv());
            written.Add(request.Curves);
        }
        if (request.Plot is not null)
        {
            if (Plot(request.Plot, info, result.History) is Failure failure) return terminal.Fail(failure);
            written.Add(request.Plot);
        }
        return terminal.Print([Outcome(result, request.Options), "wrote " + string.Join(", ", written)], ExitCodes.Success);
    }

    /// <summary>Which epoch was kept, and why the run ended.</summary>
    private static string Outcome(TrainingResult result, TrainerOptions options)
    {
        TrainingHistory history = result.History;
        string kept = history.BestEpoch > 0 && double.IsFinite(history.Epochs[history.BestEpoch - 1].ValidationLoss)
            ? $"kept epoch {Numbers.Int(history.BestEpoch)} (lowest validation loss, {Numbers.Fixed4((float)history.Epochs[history.BestEpoch - 1].ValidationLoss)})"
            : $"kept epoch {Numbers.Int(history.BestEpoch)} (the last)";
        return result.Stop == TrainingStop.EarlyStopped
            ? $"{kept}; stopped after epoch {Numbers.Int(history.Epochs.Count)}: {Numbers.Int(options.Patience)} epochs without a lower validation loss"
            : kept;
    }

    private static SortedDictionary<string, string> Metadata(RnnModelInfo info, Request request, TrainingResult result)
    {
        TrainerOptions o = request.Options;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = info.Key,
            ["note"] = Note,
            ["data"] = Path.GetFileName(request.Data),
            ["seed"] = Numbers.Int(o.Seed),
            ["epoch"] = Numbers.Int(result.History.BestEpoch),
            ["options"] = string.Create(CultureInfo.InvariantCulture,
                $"epochs {o.Epochs}, batch {o.BatchSize}, lr {o.LearningRate:R}, {(o.DecoupledWeightDecay ? "adamw" : "adam")}, weight decay {o.WeightDecay:R}, clip {o.MaxGradientNorm:R}, schedule {o.Schedule.Kind.ToString().ToLowerInvariant()}, warmup {o.Schedule.WarmupSteps}, patience {o.Patience}, validation {(request.Valid is not null ? Path.GetFileName(request.Valid) : request.Split is double f ? f.ToString("R", CultureInfo.InvariantCulture) : "none")}"),
        };
    }

    private static Failure? Plot(string path, RnnModelInfo info, TrainingHistory history)
    {
        try
        {
            CurvePlot.Write(path, info, history);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            return Failure.BadInput($"cannot draw --plot '{path}': SkiaSharp's native library did not load ({e.GetBaseException().Message}); the weights were written, and --curves writes the same numbers as CSV");
        }
    }

    private static Option<string> File(string name, string description, bool required) => new(name)
    {
        Description = description,
        HelpName = "file",
        Required = required,
    };

    private static Option<int> Int(string name, string description, int value, int min)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "n", DefaultValueFactory = _ => value };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < min) result.AddError($"{name} must be at least {Numbers.Int(min)}");
        });
        return option;
    }

    private static Option<double> Real(string name, string description, double value, bool positive)
    {
        var option = new Option<double>(name) { Description = description, HelpName = "x", DefaultValueFactory = _ => value };
        option.Validators.Add(result =>
        {
            double x = result.GetValueOrDefault<double>();
            if (!double.IsFinite(x) || x < 0 || (positive && x == 0))
            {
                result.AddError($"{name} must be a finite number {(positive ? "above 0" : "of at least 0")}");
            }
        });
        return option;
    }

    private sealed record Request(
        string Model, string Data, string Output, string? Valid, double? Split, string? Curves, string? Plot, TrainerOptions Options);
}
