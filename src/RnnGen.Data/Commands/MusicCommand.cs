using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen.Data.Music;
using RnnGen.Data.Names;

namespace RnnGen.Data.Commands;

/// <summary><c>music --cache data/cache --out data/music --seed 1</c>: the ABC tunes, cleaned and split by tune, and their vocabulary.</summary>
internal static class MusicCommand
{
    public const ulong DefaultSeed = 1;

    public static Command Create()
    {
        Option<string> cache = Options.Cache();
        cache.Description = "The folder scripts/fetch-music.sh fetched into.";
        Option<string> output = Options.Out("data/music");
        var seed = new Option<ulong>("--seed") { Description = "The seed of the split by tune.", DefaultValueFactory = _ => DefaultSeed };
        var command = new Command("music", "Read the ABC example tunes of Debian's abcmidi and abcm2ps, clean them, split them by tune (train, valid, test) and write the parts and the training part's character vocabulary.")
        {
            cache, output, seed,
        };
        command.SetAction(parsed => Run(new DataCache(parsed.GetRequiredValue(cache)), parsed.GetRequiredValue(output), parsed.GetValue(seed)));
        return command;
    }

    private static int Run(DataCache cache, string outFolder, ulong seed)
    {
        var files = new List<AbcFile>();
        foreach (string folder in cache.AbcExampleFolders)
        {
            if (!Directory.Exists(folder))
            {
                throw new FileNotFoundException($"{folder} is missing; run scripts/fetch-music.sh first (it fetches the ABC examples into data/cache/).", folder);
            }
            string package = Path.GetFileName(Path.GetDirectoryName(folder)!);
            files.AddRange(Directory.EnumerateFiles(folder, "*.abc")
                .Select(p => new AbcFile(package + "/" + Path.GetFileName(p), File.ReadAllText(p, Encoding.UTF8))));
        }
        MusicDataset data = MusicDataset.Build(files, seed);
        Directory.CreateDirectory(outFolder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (TunePart part in Enum.GetValues<TunePart>())
        {
            File.WriteAllText(MusicData.PartFile(outFolder, part), AbcCorpus.Write(data.Part(part)), utf8);
        }
        File.WriteAllText(Path.Combine(outFolder, MusicData.VocabularyFile), MusicVocabulary.Write(data.Tokens), utf8);
        var split = new StringBuilder("tune\tX\tpart\tsymbols\n");
        for (int i = 0; i < data.Tunes.Count; i++)
        {
            AbcTune t = data.Tunes[i];
            split.Append(CultureInfo.InvariantCulture,
                $"{t.Id}\t{t.Number}\t{TuneSplit.FileStem(data.Parts[i])}\t{AbcSymbols.Of(t.Text).Count}\n");
        }
        File.WriteAllText(Path.Combine(outFolder, MusicData.SplitFile), split.ToString(), utf8);
        Print(data);
        return 0;
    }

    private static void Print(MusicDataset data)
    {
        var vocabulary = new Vocabulary(data.Tokens);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data.Files.Count} files, {data.Files.Count(f => AbcCorpus.Read(f.Name, f.Text).Count > 0)} with tunes, {data.Tunes.Count} tunes (X: headers), {data.Files.Sum(f => (long)Encoding.UTF8.GetByteCount(f.Text)):N0} bytes"));
        foreach (IGrouping<string, AbcFile> package in data.Files.GroupBy(f => f.Name[..f.Name.IndexOf('/')]))
        {
            int tunes = package.Sum(f => AbcCorpus.Read(f.Name, f.Text).Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {package.Key}: {package.Count()} files, {tunes} tunes"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vocabulary: {vocabulary.Count} tokens (<UNK>, <EOS>, line break, space and the {vocabulary.Count - 4} characters seen at least {MusicVocabulary.MinimumCount} times in the training tunes)"));
        Console.WriteLine("| part | tunes | symbols (with <EOS>) | <UNK> symbols |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (TunePart part in Enum.GetValues<TunePart>())
        {
            IReadOnlyList<int[]> sequences = MusicData.Encode(vocabulary, data.Part(part));
            long symbols = sequences.Sum(s => (long)s.Length);
            long unknown = sequences.Sum(s => (long)s.Count(x => x == vocabulary.UnknownIndex));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {TuneSplit.FileStem(part)} | {sequences.Count} | {symbols:N0} | {unknown:N0} |"));
        }
    }
}
