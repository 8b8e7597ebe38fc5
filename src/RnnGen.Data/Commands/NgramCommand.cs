using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using RnnGen.Data.Music;

namespace RnnGen.Data.Commands;

/// <summary>
/// <c>ngram --data data/music</c>: the interpolated Kneser–Ney baseline of every order up to <c>--max-order</c>,
/// trained on the training tunes; the order is chosen by the validation perplexity, and the test perplexity is
/// reported for every order (so the choice can be seen not to peek at it).
/// </summary>
internal static class NgramCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The folder the music command wrote.",
            HelpName = "dir",
            DefaultValueFactory = _ => "data/music",
        };
        var maxOrder = new Option<int>("--max-order") { Description = "The longest n-gram to try.", DefaultValueFactory = _ => 10 };
        var command = new Command("ngram", "Character-level interpolated Kneser–Ney baselines of the music data: perplexity per symbol on the validation and test tunes for each order.")
        {
            data, maxOrder,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetValue(maxOrder)));
        return command;
    }

    private static int Run(string folder, int maxOrder)
    {
        if (maxOrder < 1) throw new FormatException("--max-order must be at least 1.");
        Vocabulary vocabulary = MusicData.ReadVocabulary(folder);
        IReadOnlyList<int[]> train = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, TunePart.Train));
        IReadOnlyList<int[]> valid = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, TunePart.Valid));
        IReadOnlyList<int[]> test = MusicData.Encode(vocabulary, MusicData.ReadPart(folder, TunePart.Test));
        int end = vocabulary.IndexOf(AbcSymbols.End);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interpolated Kneser–Ney, V = {vocabulary.Count}, trained on {train.Count} tunes ({train.Sum(s => s.Length):N0} symbols); perplexity per symbol"));
        Console.WriteLine("| order | discounts D_1 … D_n | valid | test |");
        Console.WriteLine("| ---: | --- | ---: | ---: |");
        var rows = new List<(int Order, double Valid, double Test)>();
        for (int n = 1; n <= maxOrder; n++)
        {
            KneserNey model = KneserNey.Train(train, n, vocabulary.Count, end);
            double v = model.Perplexity(valid).Perplexity;
            double t = model.Perplexity(test).Perplexity;
            rows.Add((n, v, t));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {string.Join(" ", model.Discounts.Select(d => d.ToString("F2", CultureInfo.InvariantCulture)))} | {v:F3} | {t:F3} |"));
        }
        (int order, double bestValid, double bestTest) = rows.MinBy(r => r.Valid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chosen by validation: order {order}, valid {bestValid:F3}, test {bestTest:F3} ({test.Sum(s => s.Length):N0} test symbols)"));
        return 0;
    }
}
