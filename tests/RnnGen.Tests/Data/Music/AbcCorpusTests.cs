using System.Linq;
using RnnGen.Data.Music;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>Cutting made-up ABC files into tunes, cleaning them, and the symbols the models read.</summary>
public sealed class AbcCorpusTests
{
    // A made-up file: a header, two tunes (the second with comments, directives, tabs and an escaped percent sign),
    // free text between them, and a third tune that ends at the end of the file without a blank line.
    private const string File =
        "% a file header\n%%pagewidth 21cm\nI:abc-charset utf-8\n\n" +
        "X: 1\nT:First  tune\nM:2/4\nK:G\nGA  Bc|d2 d2|]\n\n" +
        "Free text between tunes.\n\n" +
        "X:7 % the seventh\nT:Second\n%%MIDI program 1\n% a comment line\n   % an indented comment\nK:D\r\n" +
        "\tde\tfg | a2 % to the end\nW: 100\\% sure\n\n" +
        "X:8\nT:Third\nK:C\nc4|]";

    [Fact]
    public void Tunes_run_from_X_to_a_blank_line_and_keep_music_and_headers_only()
    {
        var tunes = AbcCorpus.Read("made-up.abc", File);
        Assert.Equal(3, tunes.Count);
        Assert.Equal(new[] { "1", "7", "8" }, tunes.Select(t => t.Number));
        Assert.Equal(new[] { 5, 13, 22 }, tunes.Select(t => t.Line));
        Assert.Equal("made-up.abc:13", tunes[1].Id);
        Assert.Equal("X: 1\nT:First tune\nM:2/4\nK:G\nGA Bc|d2 d2|]\n", tunes[0].Text);
        // The comment lines and the directive are left out without ending the tune; the comment after 7 is cut off;
        // white space runs are one space; the escaped percent sign stays.
        Assert.Equal("X:7\nT:Second\nK:D\nde fg | a2\nW: 100\\% sure\n", tunes[1].Text);
        Assert.Equal("X:8\nT:Third\nK:C\nc4|]\n", tunes[2].Text);
    }

    [Fact]
    public void A_new_X_line_ends_the_tune_before_it()
    {
        var tunes = AbcCorpus.Read("f.abc", "X:1\nK:C\nC\nX:2\nK:C\nD\n");
        Assert.Equal(new[] { "X:1\nK:C\nC\n", "X:2\nK:C\nD\n" }, tunes.Select(t => t.Text));
    }

    [Fact]
    public void Cleaning_is_idempotent_so_written_tunes_read_back_as_the_same_tunes()
    {
        var tunes = AbcCorpus.Read("made-up.abc", File);
        var again = AbcCorpus.Read("written.abc", AbcCorpus.Write(tunes));
        Assert.Equal(tunes.Select(t => t.Text), again.Select(t => t.Text));
        Assert.Equal(tunes.Select(t => t.Number), again.Select(t => t.Number));
    }

    [Fact]
    public void Symbols_are_the_text_tokenizers_characters_with_case_and_white_space_kept_and_EOS_last()
    {
        var symbols = AbcSymbols.Of("K:C\nCc d|\n");
        // The tune's last line break is not a symbol: rnngen reads the tunes of a file between blank lines without it.
        Assert.Equal(new[] { "K", ":", "C", "\n", "C", "c", " ", "d", "|", "<EOS>" }, symbols);
        // A character outside the Basic Multilingual Plane is one symbol, not two halves.
        Assert.Equal(new[] { "\U0001D11E", "<EOS>" }, AbcSymbols.Of("\U0001D11E"));
    }
}

/// <summary>The longest run a generated tune shares with the training text.</summary>
public sealed class CopiedRunTests
{
    [Fact]
    public void The_longest_shared_run_is_found_with_where_it_starts()
    {
        Assert.Equal((5, 2), CopiedRun.Longest("xyGABcdq", "K:G\nGABcd|GAB"));
        Assert.Equal((0, -1), CopiedRun.Longest("xyz", "abc"));
        Assert.Equal((0, -1), CopiedRun.Longest("", "abc"));
        // Of two runs of one length, the first in the text.
        Assert.Equal((2, 0), CopiedRun.Longest("abXcd", "cd ab"));
    }
}
