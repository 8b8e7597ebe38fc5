using System;
using System.Linq;
using Xunit;

namespace RnnGen.Tests.Cli;

public sealed class ModelsAndTagTests
{
    [Fact]
    public void Models_lists_both_shipped_models_in_an_aligned_table()
    {
        CliRun run = CliProcess.Run("models");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        string[] lines = run.Lines;
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("KEY", lines[0]);
        Assert.StartsWith("dna-sites ", lines[1]);
        Assert.Contains("one-hot 6 characters", lines[1]);
        Assert.Contains("1 sigmoid [site]", lines[1]);
        Assert.StartsWith("name-tagger ", lines[2]);
        Assert.Contains("100 tanh", lines[2]);
        Assert.Contains("one-hot 10,000 words", lines[2]);
        Assert.EndsWith("name-tagger.safetensors", lines[2]);
        // Aligned: every row's WEIGHTS column starts where the header's does.
        int weights = lines[0].IndexOf("WEIGHTS", System.StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Equal(' ', l[weights - 1]));
    }

    [Fact]
    public void Tag_prints_one_row_per_word_of_the_example_sentence()
    {
        CliRun run = CliProcess.Run("tag", "name-tagger", "Sam Li and Tom date on Tuesday.");

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] words = run.Lines.Select(l => l.Split(' ')[0]).ToArray();
        Assert.Equal(["Sam", "Li", "and", "Tom", "date", "on", "Tuesday"], words);
        Assert.All(run.Lines, l => Assert.Matches(@"^\S+\s+(→ <UNK>\s+)?0\.\d{4}(  person)?$", l));
        // The shipped weights are trained: the names are tagged, the other words are not.
        string[] tagged = run.Lines.Where(l => l.EndsWith("  person", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToArray();
        Assert.Contains("Sam", tagged);
        Assert.Contains("Tom", tagged);
        Assert.DoesNotContain("and", tagged);
        Assert.DoesNotContain("on", tagged);
        Assert.DoesNotContain("Tuesday", tagged);
    }

    [Fact]
    public void Tag_without_text_tags_every_line_of_standard_input_or_a_file_on_any_number_of_threads()
    {
        const string sentence = "Sam Li and Tom date on Tuesday.";
        CliRun single = CliProcess.Run("tag", "name-tagger", sentence);
        Assert.True(single.ExitCode == 0, single.ToString());
        string input = sentence + "\n\nXyzzy\n" + string.Concat(Enumerable.Repeat("Tom met Sam on Tuesday.\n", 3_000));

        CliRun one = CliProcess.RunWithInput(input, "tag", "name-tagger", "--threads", "1");
        Assert.True(one.ExitCode == 0, one.Stderr);
        // Line 1's table is the argument form's, then an empty line; an empty input line is an empty table.
        string newLine = Environment.NewLine;
        Assert.StartsWith(single.Stdout + newLine + newLine + "Xyzzy  → <UNK>", one.Stdout, StringComparison.Ordinal);
        Assert.Equal(one.Stdout, CliProcess.RunWithInput(input, "tag", "name-tagger", "--threads", "2").Stdout);

        using var temp = new TempFolder();
        System.IO.File.WriteAllText(temp.File("in.txt"), input);
        Assert.Equal(one.Stdout, CliProcess.Run("tag", "name-tagger", "--input", temp.File("in.txt")).Stdout);

        CliRun both = CliProcess.Run("tag", "name-tagger", "Sam", "--input", temp.File("in.txt"));
        Assert.Equal(2, both.ExitCode);
        Assert.Equal("rnngen: error: give either the text to tag or --input, not both", Assert.Single(both.ErrorLines));
        CliRun zero = CliProcess.RunWithInput("Sam\n", "tag", "name-tagger", "--threads", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--threads must be from 1 to 256, not 0", zero.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_reads_dna_one_base_per_row()
    {
        CliRun run = CliProcess.Run("tag", "dna-sites", "ACGTN");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["A", "C", "G", "T", "N"], run.Lines.Select(l => l.Split(' ')[0]).ToArray());
    }

    [Fact]
    public void An_unknown_model_is_a_usage_error_that_lists_the_models()
    {
        CliRun run = CliProcess.Run("tag", "name-taggr", "Sam");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        string error = Assert.Single(run.ErrorLines);
        Assert.Equal("rnngen: error: unknown model 'name-taggr'; the models are: dna-sites, name-tagger, or give a spec file (<key>.rnn.json)", error);
    }
}
