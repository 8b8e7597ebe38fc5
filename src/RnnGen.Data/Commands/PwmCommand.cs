using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using RnnGen.Data.Conll;
using RnnGen.Data.Dna;

namespace RnnGen.Data.Commands;

/// <summary><c>pwm --data data/dna</c>: the position weight matrix baseline on every fold the dna command wrote.</summary>
internal static class PwmCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The folder the dna command wrote (fold-NN/train.conll and test.conll).",
            HelpName = "dir",
            DefaultValueFactory = _ => "data/dna",
        };
        var pseudocount = new Option<double>("--pseudocount")
        {
            Description = "Added to each base's count at each column of the matrix.",
            DefaultValueFactory = _ => PwmBaseline.DefaultPseudocount,
        };
        var command = new Command("pwm", "Scan each fold's held-out sequences with a position weight matrix of its training sites; report per-base precision, recall, F1 and per-site hits summed over folds.")
        {
            data, pseudocount,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetValue(pseudocount)));
        return command;
    }

    private static int Run(string folder, double pseudocount)
    {
        DataCache.Require(folder);
        var folds = new List<DnaFold>();
        for (int k = 1; Directory.Exists(Path.Combine(folder, DnaFolds.FolderName(k))); k++)
        {
            string dir = Path.Combine(folder, DnaFolds.FolderName(k));
            IReadOnlyList<DnaSequence> train = Read(Path.Combine(dir, "train.conll"));
            IReadOnlyList<DnaSequence> test = Read(Path.Combine(dir, "test.conll"));
            folds.Add(new DnaFold(k, FormattableString.Invariant($"{k}"), train, test));
        }
        if (folds.Count == 0) throw new FileNotFoundException($"{folder} holds no {DnaFolds.FolderName(1)}/; run the dna command first.");

        Console.WriteLine(FormattableString.Invariant($"PWM baseline, pseudocount {pseudocount} per base, threshold by inner leave-one-out F1 on each fold's training sequences"));
        Console.WriteLine("| fold | threshold (bits) | TP | FP | FN | sites hit |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        BaseCounts total = default;
        var thresholds = new List<double>();
        foreach (DnaFold fold in folds)
        {
            PwmFoldResult r = PwmBaseline.Run(fold, pseudocount);
            total += r.Counts;
            thresholds.Add(r.Threshold);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Fold} | {r.Threshold:F2} | {r.Counts.TruePositives} | {r.Counts.FalsePositives} | {r.Counts.FalseNegatives} | {r.Counts.SitesHit} / {r.Counts.Sites} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| folds | bases | site bases | precision | recall | F1 | sites hit |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        int bases = total.TruePositives + total.FalsePositives + total.FalseNegatives + total.TrueNegatives;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {folds.Count} | {bases:N0} | {total.TruePositives + total.FalseNegatives:N0} | {total.Precision:F3} ({total.TruePositives}/{total.TruePositives + total.FalsePositives}) | {total.Recall:F3} ({total.TruePositives}/{total.TruePositives + total.FalseNegatives}) | {total.F1:F3} | {total.SitesHit} / {total.Sites} ({total.HitRate:P1}) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"thresholds: {thresholds.Min():F2} to {thresholds.Max():F2} bits (median {thresholds.Order().ElementAt(thresholds.Count / 2):F2})"));
        return 0;
    }

    private static IReadOnlyList<DnaSequence> Read(string path)
    {
        DataCache.Require(path);
        var sequences = ConllFormat.ReadFile(path)
            .Select((s, i) => DnaSequence.FromConll(s, FormattableString.Invariant($"{path} sequence {i + 1}")))
            .ToArray();
        PwmBaseline.CheckPairs(sequences, path);
        return sequences;
    }
}
