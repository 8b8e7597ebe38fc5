using System;
using System.Linq;
using RnnGen.Data.Music;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>The seeded split by tune, the vocabulary and the data set built from made-up files.</summary>
public sealed class MusicSplitTests
{
    [Fact]
    public void The_split_takes_15_and_10_percent_and_is_fixed_by_the_seed()
    {
        var parts = TuneSplit.Assign(79, seed: 1);
        Assert.Equal(12, parts.Count(p => p == TunePart.Test));
        Assert.Equal(8, parts.Count(p => p == TunePart.Valid));
        Assert.Equal(59, parts.Count(p => p == TunePart.Train));
        Assert.Equal(parts, TuneSplit.Assign(79, seed: 1));
        Assert.NotEqual(parts, TuneSplit.Assign(79, seed: 2));
        // Three tunes still give one to each part.
        Assert.Equal(new[] { TunePart.Train, TunePart.Valid, TunePart.Test }, TuneSplit.Assign(3, seed: 1).Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => TuneSplit.Assign(2, seed: 1));
    }

    [Fact]
    public void The_vocabulary_has_the_four_fixed_tokens_then_the_characters_seen_often_enough_in_byte_order()
    {
        var tunes = new[] { new AbcTune("f", 1, "1", "X:1\nccc dd\n"), new AbcTune("f", 4, "2", "X:2\nbcé\u0001é\n") };
        // Counts: c 4, d 2, b 1, é 2, X 2, : 2, 1 1, 2 1 and a control character (never a token).
        Assert.Equal(new[] { "<UNK>", "<EOS>", "\n", " ", ":", "X", "c", "d", "é" }, MusicVocabulary.Build(tunes, minimumCount: 2));
        Assert.Equal(
            new[] { "<UNK>", "<EOS>", "\n", " ", "1", "2", ":", "X", "b", "c", "d", "é" },
            MusicVocabulary.Build(tunes, minimumCount: 1));
        // The file spells the line break and the space as \n and \s, and reads back as the same tokens.
        string file = MusicVocabulary.Write(MusicVocabulary.Build(tunes, minimumCount: 2));
        Assert.Equal("<UNK>\n<EOS>\n\\n\n\\s\n:\nX\nc\nd\né\n", file);
        Assert.Equal(MusicVocabulary.Build(tunes, minimumCount: 2), Vocabulary.FromFileLines(file.TrimEnd('\n').Split('\n')).Tokens);
    }

    [Fact]
    public void Encoding_looks_symbols_up_as_the_run_time_library_does()
    {
        var vocabulary = new Vocabulary(new[] { "<UNK>", "<EOS>", "\n", " ", "c" });
        int[] tokens = MusicVocabulary.Encode(vocabulary, new AbcTune("f", 1, "1", "cC d\nc\n"));
        // C is not a token, so it reads as c (Vocabulary.IndexOf: exact, then lower case); d is <UNK>; the last line
        // break is not a symbol; <EOS> ends the tune.
        Assert.Equal(new[] { 4, 4, 3, 0, 2, 4, 1 }, tokens);
    }

    [Fact]
    public void The_data_set_reads_files_in_name_order_whatever_order_they_come_in()
    {
        var a = new AbcFile("p/a.abc", "X:1\nK:C\nCDEF|\n\nX:2\nK:G\nGABc|\n");
        var b = new AbcFile("p/b.abc", "X:1\nK:D\nDEFG|\n\nX:2\nK:A\nABcd|\n");
        MusicDataset one = MusicDataset.Build(new[] { a, b }, seed: 3);
        MusicDataset two = MusicDataset.Build(new[] { b, a }, seed: 3);
        Assert.Equal(new[] { "p/a.abc:1", "p/a.abc:5", "p/b.abc:1", "p/b.abc:5" }, one.Tunes.Select(t => t.Id));
        Assert.Equal(one.Tunes.Select(t => t.Id), two.Tunes.Select(t => t.Id));
        Assert.Equal(one.Parts, two.Parts);
        Assert.Equal(one.Tokens, two.Tokens);
        Assert.Equal(4, Enum.GetValues<TunePart>().Sum(p => one.Part(p).Count));
        Assert.Throws<ArgumentException>(() => MusicDataset.Build(new[] { a, a }, seed: 3));
        Assert.Throws<ArgumentException>(() => MusicDataset.Build(new[] { new AbcFile("p/c.abc", "X:1\nK:C\nC|\n") }, seed: 3));
    }
}
