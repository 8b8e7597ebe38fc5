using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Data.Music;

/// <summary>One ABC file as read: its name (<c>abcmidi/demo.abc</c>) and text.</summary>
public sealed record AbcFile(string Name, string Text);

/// <summary>
/// The music data: every tune of the ABC files (<see cref="AbcCorpus"/>), in file-name order and then file order,
/// split by tune (<see cref="TuneSplit"/>), and the vocabulary of the training part (<see cref="MusicVocabulary"/>).
/// </summary>
/// <param name="Files">The files read, in name order (ordinal).</param>
/// <param name="Tunes">Every tune.</param>
/// <param name="Parts">Each tune's part.</param>
/// <param name="Tokens">The vocabulary's tokens.</param>
public sealed record MusicDataset(IReadOnlyList<AbcFile> Files, IReadOnlyList<AbcTune> Tunes, IReadOnlyList<TunePart> Parts, IReadOnlyList<string> Tokens)
{
    /// <summary>Reads the tunes of <paramref name="files"/>, splits them with <paramref name="seed"/> and builds the vocabulary.</summary>
    /// <exception cref="ArgumentException">Two files have one name, or there are fewer than 3 tunes.</exception>
    public static MusicDataset Build(IEnumerable<AbcFile> files, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(files);
        AbcFile[] ordered = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Name == ordered[i - 1].Name) throw new ArgumentException($"Two files are called '{ordered[i].Name}'.", nameof(files));
        }
        AbcTune[] tunes = ordered.SelectMany(f => AbcCorpus.Read(f.Name, f.Text)).ToArray();
        if (tunes.Length < 3)
        {
            throw new ArgumentException(FormattableString.Invariant($"{tunes.Length} tunes (X: headers) cannot be split into three parts."), nameof(files));
        }
        IReadOnlyList<TunePart> parts = TuneSplit.Assign(tunes.Length, seed);
        IReadOnlyList<string> tokens = MusicVocabulary.Build(tunes.Where((_, i) => parts[i] == TunePart.Train));
        return new MusicDataset(ordered, tunes, parts, tokens);
    }

    /// <summary>The tunes of one part, in corpus order.</summary>
    public IReadOnlyList<AbcTune> Part(TunePart part) => Tunes.Where((_, i) => Parts[i] == part).ToArray();
}
