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

/// <summary><c>musicgen speed</c>: symbols per second of Generate and of the Step alone.</summary>
internal static class SpeedCommand
{
    public static Command Create()
    {
        Argument<string> model = Shared.ModelArgument();
        Option<string> weights = Shared.WeightsOption();
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
            string path = Shared.WeightsPath(m.Key, p.GetValue(weights));
            IOneHotGenerator generator = m.LoadGenerator(path);
            INextSymbolModel loaded = m.Load(path);
            int end = m.Vocabulary.IndexOf(AbcSymbols.End);
            int n = p.GetValue(symbols);
            if (n < 1 || p.GetValue(runs) < 1) throw new FormatException("--symbols and --runs must be at least 1.");
            int timed = p.GetValue(runs);
            int[] prime = GeneratorText.Prime(generator, "");
            var tokens = new int[2000];
            (double median, double min, double max) loop = Shared.Rates(timed, () =>
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
            (double median, double min, double max) steps = Shared.Rates(timed, () =>
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

}
