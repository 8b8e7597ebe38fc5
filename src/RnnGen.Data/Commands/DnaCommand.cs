using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen.Data.Conll;
using RnnGen.Data.Dna;

namespace RnnGen.Data.Commands;

/// <summary><c>dna --cache data/cache --out data/dna</c>: the CRP sites as CoNLL, one base a line, in leave-one-sequence-out folds.</summary>
internal static class DnaCommand
{
    public static Command Create()
    {
        Option<string> cache = Options.Cache();
        Option<string> output = Options.Out("data/dna");
        var command = new Command("dna", "Write the E. coli CRP sites (crp0.s) as CoNLL with reverse complements: all.conll and one fold-NN/{train,test}.conll per held-out sequence.")
        {
            cache, output,
        };
        command.SetAction(parsed => Run(new DataCache(parsed.GetRequiredValue(cache)), parsed.GetRequiredValue(output)));
        return command;
    }

    private static int Run(DataCache cache, string outFolder)
    {
        DataCache.Require(cache.CrpSites);
        IReadOnlyList<DnaSequence> sequences = CrpFasta.Parse(File.ReadAllText(cache.CrpSites), cache.CrpSites);
        IReadOnlyList<DnaFold> folds = DnaFolds.Make(sequences);
        Directory.CreateDirectory(outFolder);
        IReadOnlyList<DnaSequence> all = DnaFolds.WithReverseComplements(sequences);
        ConllFormat.WriteFile(Path.Combine(outFolder, "all.conll"), all.Select(s => s.ToConll()));
        var index = new StringBuilder("fold\theld-out\ttrain sequences\ttest sequences\n");
        foreach (DnaFold fold in folds)
        {
            string folder = Path.Combine(outFolder, DnaFolds.FolderName(fold.Number));
            Directory.CreateDirectory(folder);
            ConllFormat.WriteFile(Path.Combine(folder, "train.conll"), fold.Train.Select(s => s.ToConll()));
            ConllFormat.WriteFile(Path.Combine(folder, "test.conll"), fold.Test.Select(s => s.ToConll()));
            index.Append(FormattableString.Invariant($"{fold.Number}\t{fold.HeldOut}\t{fold.Train.Count}\t{fold.Test.Count}\n"));
        }
        File.WriteAllText(Path.Combine(outFolder, "folds.tsv"), index.ToString(), new UTF8Encoding(false));

        int bases = sequences.Sum(s => s.Length);
        int sites = sequences.Sum(s => s.SiteStarts.Count);
        int siteBases = sequences.Sum(s => Enumerable.Range(0, s.Length).Count(s.InSite));
        Console.WriteLine(FormattableString.Invariant(
            $"{cache.CrpSites}: {sequences.Count} sequences, {bases:N0} bases ({sequences.Min(s => s.Length)}-{sequences.Max(s => s.Length)} each), {sites} sites, {siteBases:N0} site bases ({100.0 * siteBases / bases:F1} %)"));
        Console.WriteLine(FormattableString.Invariant(
            $"with reverse complements: {all.Count} sequences, {2 * bases:N0} bases, {2 * sites} sites; {folds.Count} folds of {folds[0].Train.Count} training and {folds[0].Test.Count} test sequences"));
        Console.WriteLine($"wrote {outFolder}/all.conll, folds.tsv and {DnaFolds.FolderName(1)} ... {DnaFolds.FolderName(folds.Count)}/{{train,test}}.conll");
        return 0;
    }
}
