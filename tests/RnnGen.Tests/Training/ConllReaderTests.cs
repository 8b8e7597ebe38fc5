using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

public sealed class ConllReaderTests
{
    private static IReadOnlyList<ConllSentence> Read(string text) => ConllReader.Read(new StringReader(text), "data.conll");

    private static ConllException Fails(string text) => Assert.Throws<ConllException>(() => Read(text));

    [Fact]
    public void Sentences_are_separated_by_blank_lines_with_tabs_or_spaces_between_token_and_label()
    {
        IReadOnlyList<ConllSentence> sentences = Read("Sam\tperson\nLi  person\nand O\n\n\n  \t\nTom\tperson\n");
        Assert.Equal(2, sentences.Count);
        Assert.Equal(["Sam", "Li", "and"], sentences[0].Tokens);
        Assert.Equal(["person", "person", "O"], sentences[0].Labels);
        Assert.Equal([1, 2, 3], sentences[0].Lines);
        Assert.Equal(["Tom"], sentences[1].Tokens);
        Assert.Equal([7], sentences[1].Lines);
    }

    [Fact]
    public void Comments_and_docstart_lines_are_skipped_and_line_endings_may_be_crlf_or_cr()
    {
        IReadOnlyList<ConllSentence> sentences = Read("-DOCSTART- -X- -X- O\r\n\r\n# sent 1\r\nSam\tperson\r\n# inside\r\nLi\tperson\r\n-DOCSTART-\tO\rTom\tperson");
        Assert.Equal(2, sentences.Count);
        Assert.Equal(["Sam", "Li"], sentences[0].Tokens);
        Assert.Equal([4, 6], sentences[0].Lines);
        Assert.Equal(["Tom"], sentences[1].Tokens);
        Assert.Equal([8], sentences[1].Lines);
        Assert.Empty(Read(""));
        Assert.Empty(Read("# only a comment\n\n"));
    }

    [Fact]
    public void A_token_without_a_label_is_an_error_at_its_line()
    {
        ConllException e = Fails("Sam\tperson\nLi\n");
        Assert.Equal("data.conll:2: the token 'Li' has no label; expected 'token<TAB>label'", Assert.Single(e.Errors).ToString());
        Assert.Equal(e.Errors[0].ToString(), e.Message);
    }

    [Fact]
    public void Too_many_columns_is_an_error_that_says_how_many()
    {
        ConllException e = Fails("EU NNP B-NP B-ORG\n");
        Assert.Equal("data.conll:1: 4 columns; expected 2, a token and its label (of CoNLL-2003's columns keep the first and the last)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void An_empty_token_is_an_error()
    {
        Assert.Equal("data.conll:2: the token is empty (the line starts with a tab); expected 'token<TAB>label'", Assert.Single(Fails("Sam\tperson\n\tO\n").Errors).ToString());
        Assert.Equal("data.conll:1: the token is empty (the line starts with a space); expected 'token<TAB>label'", Assert.Single(Fails(" Sam person\n").Errors).ToString());
    }

    [Fact]
    public void Binary_input_and_an_endless_line_are_refused_at_once()
    {
        ConllException binary = Fails("Sam\tper\0son\n");
        Assert.Equal("data.conll:1: the line holds the control character U+0000 at column 8; expected text, a token and its label (is this a text file?)", binary.Errors[0].ToString());

        ConllException endless = Fails("Sam\tperson\n" + new string('x', ConllReader.MaxLineLength + 1));
        Assert.Equal("data.conll:2: the line is longer than 65,536 characters; expected a token and its label (is this a CoNLL file?)", Assert.Single(endless.Errors).ToString());
    }

    [Fact]
    public void Every_error_is_reported_up_to_a_limit()
    {
        ConllException e = Fails("a\nb O\nc\nd x y\n");
        Assert.Equal([1, 3, 4], e.Errors.Select(x => x.Line));
        Assert.Equal("data.conll:1: the token 'a' has no label; expected 'token<TAB>label' (and 2 more errors)", e.Message);

        ConllException many = Fails(string.Concat(Enumerable.Repeat("lonely\n", 100)));
        Assert.Equal(ConllReader.MaxErrors, many.Errors.Count);
    }

    [Fact]
    public void A_file_is_read_with_its_path_in_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), "rnngen-conll-" + System.Guid.NewGuid().ToString("N") + ".conll");
        try
        {
            File.WriteAllText(path, "\uFEFFSam\tperson\nLi\n", new System.Text.UTF8Encoding(false));
            ConllException e = Assert.Throws<ConllException>(() => ConllReader.ReadFile(path));
            Assert.Equal(path + ":2: the token 'Li' has no label; expected 'token<TAB>label'", e.Errors[0].ToString());
            File.WriteAllText(path, "\uFEFFSam\tperson\n");
            Assert.Equal(["Sam"], Assert.Single(ConllReader.ReadFile(path)).Tokens); // the byte-order mark is not part of the token
        }
        finally
        {
            File.Delete(path);
        }
    }
}
