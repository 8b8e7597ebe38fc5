using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RnnGen.Data.Music;

/// <summary>
/// The files the music command writes into its folder and what reads them back: the cleaned tunes of each part
/// (<c>train.abc</c>, <c>valid.abc</c>, <c>test.abc</c>) and the vocabulary (<c>vocab.txt</c>).
/// </summary>
public static class MusicData
{
    /// <summary>The vocabulary file's name.</summary>
    public const string VocabularyFile = "vocab.txt";

    /// <summary>The split file's name.</summary>
    public const string SplitFile = "split.tsv";

    /// <summary>The file of a part's tunes.</summary>
    public static string PartFile(string folder, TunePart part) => Path.Combine(folder, TuneSplit.FileStem(part) + ".abc");

    /// <summary>Reads a part's tunes back (the file must exist).</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static IReadOnlyList<AbcTune> ReadPart(string folder, TunePart part)
    {
        string path = PartFile(folder, part);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing; run 'rnngen-data music' first (it writes the parts of the tunes).", path);
        return AbcCorpus.Read(Path.GetFileName(path), File.ReadAllText(path));
    }

    /// <summary>Reads the vocabulary back (the file must exist).</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static Vocabulary ReadVocabulary(string folder)
    {
        string path = Path.Combine(folder, VocabularyFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing; run 'rnngen-data music' first (it writes the vocabulary).", path);
        return Vocabulary.FromFileLines(File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Every part's tunes as token sequences of <paramref name="vocabulary"/>, <c>&lt;EOS&gt;</c> last.</summary>
    public static IReadOnlyList<int[]> Encode(Vocabulary vocabulary, IEnumerable<AbcTune> tunes) =>
        tunes.Select(t => MusicVocabulary.Encode(vocabulary, t)).ToArray();
}
