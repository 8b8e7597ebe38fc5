using System;
using RnnGen.Data.Conll;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>The CoNLL files: one token TAB label a line, a blank line after each sentence, and clear errors.</summary>
public sealed class ConllFormatTests
{
    [Fact]
    public void Writes_token_tab_label_lines_and_a_blank_line_after_every_sentence()
    {
        var a = new ConllSentence(["Sam", "Li", "ran"], ["person", "person", "O"]);
        var b = new ConllSentence(["A"], ["site"]);
        string text = ConllFormat.Write([a, b]);
        Assert.Equal("Sam\tperson\nLi\tperson\nran\tO\n\nA\tsite\n\n", text);
        var back = ConllFormat.Read(text, "x.conll");
        Assert.Equal(2, back.Count);
        Assert.Equal(a.Tokens, back[0].Tokens);
        Assert.Equal(a.Labels, back[0].Labels);
        Assert.Equal(b.Labels, back[1].Labels);
    }

    [Fact]
    public void Reading_accepts_CRLF_several_blank_lines_and_no_final_blank_line()
    {
        var sentences = ConllFormat.Read("a\tO\r\n\r\n\n\nb\tsite", "x.conll");
        Assert.Equal(2, sentences.Count);
        Assert.Equal("site", sentences[1].Labels[0]);
    }

    [Theory]
    [InlineData("a\tO\nno-tab-here\n", 2)]
    [InlineData("a\tO\n\nb c\tO\n", 3)]
    [InlineData("a\tO\tX\n", 1)]
    [InlineData("\tO\n", 1)]
    public void A_malformed_line_is_an_error_naming_the_file_and_line(string text, int line)
    {
        FormatException e = Assert.Throws<FormatException>(() => ConllFormat.Read(text, "train.conll"));
        Assert.StartsWith($"train.conll({line}): expected 'token<TAB>label'", e.Message);
    }

    [Fact]
    public void A_token_with_whitespace_cannot_be_written()
    {
        Assert.Throws<ArgumentException>(() => new ConllSentence(["two words"], ["O"]));
        Assert.Throws<ArgumentException>(() => new ConllSentence(["a"], []));
    }
}
