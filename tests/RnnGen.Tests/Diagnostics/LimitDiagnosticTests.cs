using System;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// Every text a spec or a vocabulary puts into the generated code has a stated limit, refused at the value with a
/// located diagnostic (RNN0034, or the rule of the value), so that no spec check accepts fails the build
/// (CS8103: the string heap, CS7013: a metadata name, a file name over 255 bytes).
/// </summary>
public sealed class LimitDiagnosticTests
{
    private const string Spec = Specs.SpecFile;

    private static string With(string from, string to) => Specs.Valid.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    [Covers("RNN0034")]
    public void RNN0034_a_description_over_2000_characters()
    {
        string spec = With("\"name\": \"Tagger\",", $"\"name\": \"Tagger\", \"description\": \"{new string('d', 2001)}\",");
        Specs.Run(spec).Reports(Expected.At("RNN0034", Spec, 2, 36, 36 + 2003, "description is 2,001 characters long, more than the 2,000 RnnGen accepts"))
            .GeneratesNothing();
        Specs.Run(With("\"name\": \"Tagger\",", $"\"name\": \"Tagger\", \"description\": \"{new string('d', 2000)}\",")).Reports();
    }

    [Fact]
    [Covers("RNN0034")]
    public void RNN0034_a_label_over_100_characters_and_paths_over_their_limits()
    {
        string label = new('l', 101);
        string weights = new string('w', 257 - ".safetensors".Length) + ".safetensors";
        string vocabulary = new('v', 257);
        string module = new('m', 201);
        string spec = $$"""
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "{{vocabulary}}" },
              "y": { "size": 1, "activation": "sigmoid", "labels": ["{{label}}"] },
              "weights": "{{weights}}",
              "modules": { "head": "{{module}}" }
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0034", Spec, 4, 47, 47 + 259, "x.vocabulary is 257 characters long, more than the 256 RnnGen accepts"),
            Expected.At("RNN0034", Spec, 5, 57, 57 + 103, "y.labels[0] is 101 characters long, more than the 100 RnnGen accepts"),
            Expected.At("RNN0034", Spec, 6, 14, 14 + 259, "weights is 257 characters long, more than the 256 RnnGen accepts"),
            Expected.At("RNN0034", Spec, 7, 24, 24 + 203, "modules.head is 201 characters long, more than the 200 RnnGen accepts"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0017")]
    public void RNN0017_a_label_with_a_line_break_or_a_lone_surrogate()
    {
        string spec = With("\"sigmoid\" }", "\"sigmoid\", \"labels\": [\"a\\nb\", \"c\\ud800\"] }").Replace("\"size\": 1,", "\"size\": 2,", StringComparison.Ordinal);
        Specs.Run(spec).Reports(
            Expected.At("RNN0017", Spec, 5, 57, 63, "The label y.labels[0] has the control character U+000A at position 2; labels must be unique, non-empty strings of printable characters"),
            Expected.At("RNN0017", Spec, 5, 65, 74, "The label y.labels[1] has the lone surrogate U+D800 at position 2; labels must be unique, non-empty strings of printable characters"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0009", "RNN0010")]
    public void RNN0009_RNN0010_names_and_namespaces_over_their_limits()
    {
        string name = "T" + new string('n', 100);
        string ns = "N" + new string('s', 128);
        string spec = With("\"name\": \"Tagger\",", $"\"name\": \"{name}\", \"namespace\": \"{ns}\",");
        Specs.Run(spec).Reports(
            Expected.At("RNN0009", Spec, 2, 11, 11 + 103, $"'{new string('n', 79).Insert(0, "T")}… (101 characters)' cannot be the model's C# type name: "
                + "it is 101 characters long, more than the 100 a model name may have (its generated files are named after it)"),
            Expected.At("RNN0010", Spec, 2, 129, 129 + 131, $"'{new string('s', 79).Insert(0, "N")}… (129 characters)' is not a valid C# namespace: "
                + "it is 129 characters long, more than the 128 a namespace may have (the generated files are named after it)"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0014")]
    public void RNN0014_a_token_over_100_characters_or_with_a_control_character()
    {
        string vocabulary = $"<UNK>\n{new string('t', 101)}\nca\u0001t\nok\n";
        DiagnosticRun.Of((Spec, Specs.Valid), (Specs.VocabularyFile, vocabulary)).Reports(
            Expected.At("RNN0014", Specs.VocabularyFile, 2, 1, 102,
                "Line 2 of the vocabulary is 101 characters long, more than the 100 a token may have; write one token per line, with no blank lines and no spaces or tabs inside a token"),
            Expected.At("RNN0014", Specs.VocabularyFile, 3, 3, 4,
                "Line 3 of the vocabulary has the control character U+0001 at column 3; write one token per line, with no blank lines and no spaces or tabs inside a token"))
            .GeneratesNothing();
    }
}
