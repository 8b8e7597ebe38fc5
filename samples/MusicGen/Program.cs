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

namespace MusicGen;

/// <summary>
/// musicgen: trains the character-level ABC generators of samples/music/ on the tunes <c>rnngen-data music</c> wrote,
/// scores them by perplexity per symbol as the n-gram baseline is scored, and samples tunes. The edge of the tool:
/// files, the console and the clock.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var root = new RootCommand("Train, score and sample the ABC tune generators of samples/music/.")
        {
            TrainCommand(), EvalCommand(), SampleCommand(), CheckCommand(), SpeedCommand(),
        };
        try
        {
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action?.ClearsParseErrors != true)
            {
                Console.Error.WriteLine("musicgen: " + string.Join("; ", parsed.Errors.Select(e => e.Message)) + " (see --help)");
                return 2;
            }
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or WeightsException)
        {
            Console.Error.WriteLine("musicgen: " + e.Message);
            return 1;
        }
    }

    private static Argument<string> ModelArgument() => new("model") { Description = "abc-tunes (a GRU, a = 128), abc-gru-64 or abc-lstm-128." };

    private static Option<string> DataOption() => new("--data")
    {
        Description = "The folder rnngen-data music wrote.", HelpName = "dir", DefaultValueFactory = _ => "data/music",
    };

    private static Option<string> WeightsOption() => new("--weights")
    {
        Description = "The weights file (default: samples/music/<model>.safetensors).", HelpName = "file",
    };

    private static string WeightsPath(string key, string? weights) => weights ?? Path.Combine("samples", "music", key + ".safetensors");

    // --- train -------------------------------------------------------------------------------------------------------

    private static Command TrainCommand()
    {
        Argument<string> model = ModelArgument();
        Option<string> data = DataOption();
        Option<string> weights = WeightsOption();
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
            return Train(m, folder, WeightsPath(m.Key, p.GetValue(weights)), options, p.GetValue(chunk), p.GetValue(curves));
        });
        return command;
    }

    private static int Train(MusicModel model, string folder, string weightsPath, TrainerOptions options, int chunk, string? curves)
    {
        Vocabulary vocabulary = CheckedVocabulary(model, folder);
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

    // --- eval --------------------------------------------------------------------------------------------------------

    private static Command EvalCommand()
    {
        Argument<string> model = ModelArgument();
        Option<string> data = DataOption();
        Option<string> weights = WeightsOption();
        var command = new Command("eval", "Perplexity per symbol on the validation and test tunes, streamed through the generated Step.")
        {
            model, data, weights,
        };
        command.SetAction(p =>
        {
            MusicModel m = MusicModels.Find(p.GetRequiredValue(model));
            string folder = p.GetRequiredValue(data);
            Vocabulary vocabulary = CheckedVocabulary(m, folder);
            int end = vocabulary.IndexOf(AbcSymbols.End);
            INextSymbolModel loaded = m.Load(WeightsPath(m.Key, p.GetValue(weights)));
            foreach (TunePart part in new[] { TunePart.Valid, TunePart.Test })
            {
                IReadOnlyList<int[]> tunes = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, part));
                (double perplexity, long n) = SymbolScores.Perplexity(loaded, tunes, end);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Key} {TuneSplit.FileStem(part)}: perplexity per symbol {perplexity:F3} over {n:N0} symbols ({tunes.Count} tunes)"));
            }
            return 0;
        });
        return command;
    }

    // --- sample ------------------------------------------------------------------------------------------------------

    private static Command SampleCommand()
    {
        Argument<string> model = ModelArgument();
        Option<string> weights = WeightsOption();
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Tune i (from 0) is drawn with seed + i.", DefaultValueFactory = _ => 1 };
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => 1f };
        var topK = new Option<int>("--top-k") { Description = "Pick only among the k likeliest symbols (0: all).", DefaultValueFactory = _ => 0 };
        var maxLength = new Option<int>("--length") { Description = "The most symbols of one tune.", DefaultValueFactory = _ => 2000 };
        var output = new Option<string>("--out") { Description = "Write tune-NNN.abc files here.", HelpName = "dir", DefaultValueFactory = _ => "data/music/samples" };
        var command = new Command("sample", "Draw tunes with the generated Generate from an empty prime (<EOS>) until <EOS>, as rnngen generate does; write each as an .abc file.")
        {
            model, weights, count, seed, temperature, topK, maxLength, output,
        };
        command.SetAction(p =>
        {
            MusicModel m = MusicModels.Find(p.GetRequiredValue(model));
            IOneHotGenerator generator = m.LoadGenerator(WeightsPath(m.Key, p.GetValue(weights)));
            string folder = p.GetRequiredValue(output);
            Directory.CreateDirectory(folder);
            // What rnngen generate <model> --length N --temperature T --top-k K --seed S does, for S = seed, seed + 1, ...
            int[] prime = GeneratorText.Prime(generator, "");
            int end = m.Vocabulary.IndexOf(AbcSymbols.End);
            var tokens = new int[p.GetValue(maxLength)];
            long symbols = 0;
            int stopped = 0;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < p.GetValue(count); i++)
            {
                var options = new GenerationOptions
                {
                    Temperature = p.GetValue(temperature), TopK = p.GetValue(topK), StopToken = end, Seed = p.GetValue(seed) + (ulong)i,
                };
                int n = generator.Generate(prime, tokens, options);
                symbols += n;
                if (n < tokens.Length) stopped++;
                string text = GeneratorText.Decode(m.Vocabulary, tokens.AsSpan(0, n), generator.Info.Tokenizer);
                File.WriteAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"tune-{i:D3}.abc")), text + "\n");
            }
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Key}: {p.GetValue(count)} tunes, {symbols:N0} symbols ({stopped} ended with <EOS>), temperature {p.GetValue(temperature)}, top-k {p.GetValue(topK)}, seeds {p.GetValue(seed)} to {p.GetValue(seed) + (ulong)p.GetValue(count) - 1} -> {folder}"));
            return 0;
        });
        return command;
    }

    // --- check -------------------------------------------------------------------------------------------------------

    private static Command CheckCommand()
    {
        var folder = new Argument<string>("dir") { Description = "A folder of .abc files (one tune each)." };
        var against = new Option<string?>("--against")
        {
            Description = "Also give each tune's longest run of characters shared with this file (the training tunes: data/music/train.abc).",
            HelpName = "file",
        };
        var command = new Command("check", "Run abc2midi on every .abc file of a folder; count the tunes it accepts (exit 0, no Error line, a MIDI file with a note) and write check.tsv.")
        {
            folder, against,
        };
        command.SetAction(p =>
        {
            string dir = p.GetRequiredValue(folder);
            if (!Directory.Exists(dir)) throw new FileNotFoundException($"{dir} is not a folder.");
            string[] files = Directory.EnumerateFiles(dir, "*.abc").Order(StringComparer.Ordinal).ToArray();
            AbcCheckResult[] results = files.Select(AbcCheck.Run).ToArray();
            string? corpus = p.GetValue(against) is string path ? File.ReadAllText(path) : null;
            var table = new StringBuilder("file\texit\terror_lines\tmidi\tmidi_notes\taccepted\tcharacters\tlongest_copied_run\n");
            var copied = new List<int>();
            foreach (AbcCheckResult r in results)
            {
                string text = File.ReadAllText(r.File);
                int run = corpus is null ? -1 : CopiedRun.Longest(text, corpus).Length;
                if (run >= 0) copied.Add(run);
                table.Append(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(r.File)}\t{r.ExitCode}\t{r.Errors}\t{r.Midi}\t{r.Notes}\t{(r.Accepted ? "yes" : "no")}\t{text.Length}\t{(run >= 0 ? run.ToString(CultureInfo.InvariantCulture) : "")}\n");
            }
            File.WriteAllText(Path.Combine(dir, "check.tsv"), table.ToString());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{dir}: {results.Count(r => r.Accepted)} of {results.Length} accepted by abc2midi; exit 0: {results.Count(r => r.ExitCode == 0)}, and no Error line: {results.Count(r => r.ExitCode == 0 && r.Errors == 0)}, and a note: {results.Count(r => r.Accepted)}"));
            Console.WriteLine("accepted: " + string.Join(" ", results.Where(r => r.Accepted).Select(r => Path.GetFileName(r.File))));
            if (copied.Count > 0)
            {
                copied.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"longest run of characters shared with {p.GetValue(against)}: median {copied[copied.Count / 2]}, largest {copied[^1]}"));
            }
            return 0;
        });
        return command;
    }

    // --- speed -------------------------------------------------------------------------------------------------------

    private static Command SpeedCommand()
    {
        Argument<string> model = ModelArgument();
        Option<string> weights = WeightsOption();
        var symbols = new Option<int>("--symbols") { Description = "Symbols to draw in each timed run.", DefaultValueFactory = _ => 200_000 };
        var runs = new Option<int>("--runs") { Description = "Timed runs (after one untimed warm-up run), at least 1; the median is reported.", DefaultValueFactory = _ => 5 };
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => 1f };
        var command = new Command("speed", "Generation speed, one thread: symbols per second of the generated Generate (tunes drawn one after another from <EOS>, <EOS> counted), and of the Step alone.")
        {
            model, weights, symbols, runs, temperature,
        };
        command.SetAction(p =>
        {
            MusicModel m = MusicModels.Find(p.GetRequiredValue(model));
            string path = WeightsPath(m.Key, p.GetValue(weights));
            IOneHotGenerator generator = m.LoadGenerator(path);
            INextSymbolModel loaded = m.Load(path);
            int end = m.Vocabulary.IndexOf(AbcSymbols.End);
            int n = p.GetValue(symbols);
            if (n < 1 || p.GetValue(runs) < 1) throw new FormatException("--symbols and --runs must be at least 1.");
            int timed = p.GetValue(runs);
            int[] prime = GeneratorText.Prime(generator, "");
            var tokens = new int[2000];
            (double median, double min, double max) loop = Rates(timed, () =>
            {
                long drawn = 0;
                for (ulong tune = 0; drawn < n; tune++)
                {
                    var options = new GenerationOptions { Temperature = p.GetValue(temperature), StopToken = end, Seed = tune };
                    Span<int> room = tokens.AsSpan(0, (int)Math.Min(tokens.Length, n - drawn));
                    int written = generator.Generate(prime, room, options);
                    drawn += written < room.Length ? written + 1 : written; // a picked <EOS> was drawn too
                }
                return drawn;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Key} Generate:    {loop.median:N0} symbols per second (median of {timed} runs of {n:N0} symbols; min {loop.min:N0}, max {loop.max:N0})"));

            // The Step alone, over the tokens of one drawn tune read again and again: what the draw costs is the difference.
            int length = generator.Generate(prime, tokens, new GenerationOptions { Temperature = p.GetValue(temperature), StopToken = end });
            var probabilities = new float[loaded.VocabularySize];
            (double median, double min, double max) steps = Rates(timed, () =>
            {
                loaded.Reset();
                for (int i = 0; i < n; i++) loaded.Step(i % (length + 1) == 0 ? end : tokens[i % (length + 1) - 1], probabilities);
                return n;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Key} Step alone:  {steps.median:N0} symbols per second (median of {timed} runs; min {steps.min:N0}, max {steps.max:N0})"));
            return 0;
        });
        return command;
    }

    /// <summary>Symbols per second of <paramref name="run"/> (which returns how many it made): one untimed warm-up, then the median, min and max of the timed runs.</summary>
    private static (double Median, double Min, double Max) Rates(int timed, Func<long> run)
    {
        var rates = new List<double>();
        for (int k = 0; k <= timed; k++)
        {
            var clock = Stopwatch.StartNew();
            long symbols = run();
            clock.Stop();
            if (k > 0) rates.Add(symbols / clock.Elapsed.TotalSeconds);
        }
        rates.Sort();
        return (rates[rates.Count / 2], rates[0], rates[^1]);
    }

    private static Vocabulary CheckedVocabulary(MusicModel model, string folder)
    {
        Vocabulary data = MusicData.ReadVocabulary(folder);
        if (!data.Tokens.SequenceEqual(model.Vocabulary.Tokens))
        {
            throw new FormatException(
                $"{Path.Combine(folder, MusicData.VocabularyFile)} is not the vocabulary {model.Key} was compiled with (samples/music/abc.vocab.txt); copy it there and rebuild, or rewrite the data with the seed the model was made with.");
        }
        return data;
    }
}
