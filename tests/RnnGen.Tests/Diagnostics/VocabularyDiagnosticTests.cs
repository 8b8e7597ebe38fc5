using System.Linq;
using System.Text;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// The checks ModelBinder and VocabularyReader make once the spec names a vocabulary. Problems in
/// the vocabulary's lines point into the vocabulary file; problems of the vocabulary as a whole
/// point at the spec's "vocabulary" value.
/// </summary>
public sealed class VocabularyDiagnosticTests
{
    private const string Spec = Specs.SpecFile;
    private const string Words = Specs.VocabularyFile;

    [Fact]
    [Covers("RNN0011")]
    public void RNN0011_vocabulary_that_is_not_among_the_files()
    {
        DiagnosticRun.Of((Spec, Specs.Valid)).Reports(Expected.At("RNN0011", Spec, 4, 47, 58,
            $"The vocabulary 'words.txt' (looked for at '{GeneratorHarness.PathOf(Words)}') is not among the build's additional files; "
            + "put it next to the spec under the models folder with a .txt or .vocab extension, or add it as an AdditionalFiles item"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0011")]
    public void RNN0011_vocabulary_with_an_extension_the_generator_does_not_read()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.csv" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        DiagnosticRun.Of((Spec, spec), ("words.csv", Specs.Words)).Reports(Expected.At("RNN0011", Spec, 4, 47, 58,
            $"The vocabulary 'words.csv' (looked for at '{GeneratorHarness.PathOf("words.csv")}') is not among the build's additional files; "
            + "put it next to the spec under the models folder with a .txt or .vocab extension, or add it as an AdditionalFiles item"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0012")]
    public void RNN0012_vocabulary_without_unk_points_at_the_specs_vocabulary_value()
    {
        DiagnosticRun.Of((Spec, Specs.Valid), (Words, "<unk>\nthe\ncat\n")).Reports(Expected.At("RNN0012", Spec, 4, 47, 58,
            "The vocabulary 'words.txt' has no line '<UNK>'; add one so that words outside the vocabulary have an index"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0013")]
    public void RNN0013_duplicate_token_points_at_the_second_line_in_the_vocabulary()
    {
        const string vocabulary = """
            <UNK>
            the
            cat
            the
            sat

            """;
        DiagnosticRun.Of((Spec, Specs.Valid), (Words, vocabulary)).Reports(Expected.At("RNN0013", Words, 4, 1, 4,
            "The token 'the' is on line 2 and again on line 4; each token must appear once, because its line number is its index"))
            .GeneratesNothing();
    }

    [Fact]
    public void Tokens_differing_only_in_case_are_two_tokens_and_CRLF_line_ends_are_fine()
    {
        DiagnosticRun.Of((Spec, Specs.Valid), (Words, "<UNK>\r\nMay\r\nmay\r\n")).Reports().Generates(Specs.TaggerSources);
    }

    [Fact]
    [Covers("RNN0014")]
    public void RNN0014_blank_line_is_a_zero_length_span_at_the_line()
    {
        const string vocabulary = """
            <UNK>
            the

            cat

            """;
        DiagnosticRun.Of((Spec, Specs.Valid), (Words, vocabulary)).Reports(Expected.At("RNN0014", Words, 3, 1, 1,
            "Line 3 of the vocabulary is blank; write one token per line, with no blank lines and no spaces or tabs inside a token"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0014")]
    public void RNN0014_space_or_tab_points_at_the_character()
    {
        const string vocabulary = "<UNK>\nNew York\ncat \n\tdog\n  \n";
        DiagnosticRun.Of((Spec, Specs.Valid), (Words, vocabulary)).Reports(
            Expected.At("RNN0014", Words, 2, 4, 5,
                "Line 2 of the vocabulary has a space or tab at column 4 ('New York'); write one token per line, with no blank lines and no spaces or tabs inside a token"),
            Expected.At("RNN0014", Words, 3, 4, 5,
                "Line 3 of the vocabulary has a space or tab at column 4 ('cat'); write one token per line, with no blank lines and no spaces or tabs inside a token"),
            Expected.At("RNN0014", Words, 4, 1, 2,
                "Line 4 of the vocabulary has a space or tab at column 1 ('dog'); write one token per line, with no blank lines and no spaces or tabs inside a token"),
            Expected.At("RNN0014", Words, 5, 1, 2,
                "Line 5 of the vocabulary has a space or tab at column 1 (''); write one token per line, with no blank lines and no spaces or tabs inside a token"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0015")]
    public void RNN0015_input_size_that_disagrees_with_the_vocabulary_points_at_the_size()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "size": 5, "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        DiagnosticRun.Of((Spec, spec), (Words, Specs.Words)).Reports(Expected.At("RNN0015", Spec, 4, 41, 42,
            "x.size is 5 but the vocabulary 'words.txt' has 3 tokens; the one-hot input size is the vocabulary's line count, so remove x.size or make it 3"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0005")]
    public void RNN0005_vocabulary_with_more_lines_than_the_largest_input()
    {
        var vocabulary = new StringBuilder("<UNK>\n", 9_000_000);
        for (int i = 1; i <= 1_000_000; i++) vocabulary.Append('w').Append(i).Append('\n');
        DiagnosticRun.Of((Spec, Specs.Valid), (Words, vocabulary.ToString())).Reports(Expected.At("RNN0005", Spec, 4, 47, 58,
            "The vocabulary's line count must be a whole number from 1 to 1000000, but it is 1000001"))
            .GeneratesNothing();
    }
}
