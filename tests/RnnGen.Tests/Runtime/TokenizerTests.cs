using System;
using Xunit;

namespace RnnGen.Tests.Runtime;

public sealed class TokenizerTests
{
    [Fact]
    public void The_running_example_has_seven_words()
    {
        var words = Tokenizer.Words("Sam Li and Tom date on Tuesday.");
        Assert.Equal(["Sam", "Li", "and", "Tom", "date", "on", "Tuesday"], words);
        Assert.Equal(7, words.Count);
    }

    [Theory]
    [InlineData("O'Brien is well-known.", new[] { "O'Brien", "is", "well-known" })]
    [InlineData("'quoted' -- dash - x", new[] { "quoted", "dash", "x" })]
    [InlineData("rock-'n'-roll, 1984!", new[] { "rock-'n'-roll", "1984" })]
    [InlineData("a,b;c\td\ne", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("Zoë naïve café", new[] { "Zoë", "naïve", "café" })]
    [InlineData("O’Brien’s", new[] { "O’Brien’s" })]
    [InlineData("  ...  ", new string[0])]
    [InlineData("", new string[0])]
    public void Words_are_runs_of_letters_digits_apostrophes_and_hyphens(string text, string[] expected) =>
        Assert.Equal(expected, Tokenizer.Words(text));

    [Fact]
    public void Characters_are_upper_cased_and_whitespace_is_dropped()
    {
        Assert.Equal(["A", "C", "G", "T", "N"], Tokenizer.Characters("acgtn"));
        Assert.Equal(["A", "C", "G", "T"], Tokenizer.Characters(" a c\ng\tT "));
        Assert.Equal(["A", "-", "1"], Tokenizer.Characters("a-1"));
    }

    [Fact]
    public void Tokenize_dispatches_on_the_spec_name()
    {
        Assert.Equal(["Sam", "Li"], Tokenizer.Tokenize("Sam Li.", "words"));
        Assert.Equal(["S", "A", "M"], Tokenizer.Tokenize("Sam", "characters"));
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize("Sam", "bytes"));
        Assert.Contains("'bytes'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize("Sam", "Words"));
    }
}
