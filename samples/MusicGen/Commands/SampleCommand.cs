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

/// <summary><c>musicgen sample</c>: tunes drawn with the generated Generate, as <c>rnngen generate</c> draws them.</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        Argument<string> model = Shared.ModelArgument();
        Option<string> weights = Shared.WeightsOption();
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
            IOneHotGenerator generator = m.LoadGenerator(Shared.WeightsPath(m.Key, p.GetValue(weights)));
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
}
