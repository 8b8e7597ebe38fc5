using System;
using Xunit;

namespace RnnGen.Tests.Runtime;

public sealed class VocabularyTests
{
    private static readonly Vocabulary Words = new(["<UNK>", "a", "and", "sam", "Sam", "tom", "O'Brien"]);

    [Fact]
    public void Index_is_the_position_and_unknown_is_found()
    {
        Assert.Equal(7, Words.Count);
        Assert.Equal(0, Words.UnknownIndex);
        Assert.Equal("and", Words[2]);
        Assert.Equal(["<UNK>", "a", "and", "sam", "Sam", "tom", "O'Brien"], Words.Tokens);
        Assert.Equal("<UNK>", Vocabulary.Unknown);
    }

    [Fact]
    public void Exact_match_wins_over_lower_case()
    {
        Assert.Equal(4, Words.IndexOf("Sam"));
        Assert.Equal(3, Words.IndexOf("sam"));
        Assert.Equal(6, Words.IndexOf("O'Brien"));
    }

    [Fact]
    public void Lower_case_fallback()
    {
        Assert.Equal(5, Words.IndexOf("Tom"));
        Assert.Equal(5, Words.IndexOf("TOM"));
        Assert.Equal(2, Words.IndexOf("And"));
        Assert.True(Words.Contains("TOM"));
    }

    [Fact]
    public void Unknown_fallback()
    {
        Assert.Equal(0, Words.IndexOf("Tuesday"));
        Assert.Equal(0, Words.IndexOf("o'brien")); // only the word is lower-cased, never the vocabulary
        Assert.False(Words.Contains("Tuesday"));
        Assert.True(Words.Contains("<UNK>"));
        Assert.Equal(2, new Vocabulary(["x", "y", "<UNK>"]).IndexOf("z"));
    }

    [Fact]
    public void Encode_maps_every_word()
    {
        string[] sentence = ["Sam", "Li", "and", "Tom"];
        Assert.Equal([4, 0, 2, 5], Words.Encode(sentence));
        Span<int> destination = [9, 9, 9, 9, 9];
        Words.Encode(sentence, destination);
        Assert.Equal([4, 0, 2, 5, 9], destination.ToArray());
        Assert.Throws<ArgumentException>(() => Words.Encode(sentence, new int[3]));
    }

    [Fact]
    public void Missing_unknown_token_is_rejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Vocabulary(["a", "b", "<unk>"]));
        Assert.Contains("<UNK>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_are_rejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Vocabulary(["<UNK>", "a", "b", "a"]));
        Assert.Contains("'a' appears twice, at 1 and 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Vocabulary(["<UNK>", "<UNK>"]));
    }

    [Fact]
    public void Tokens_cannot_be_changed_through_the_input_list()
    {
        string[] tokens = ["<UNK>", "a"];
        var vocabulary = new Vocabulary(tokens);
        tokens[1] = "b";
        Assert.Equal("a", vocabulary[1]);
        Assert.Equal(1, vocabulary.IndexOf("a"));
    }
}
