using System;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>The checks SpecReader makes on a spec that is valid JSON: one test (or more) per rule, each pinning message and span.</summary>
public sealed class SpecDiagnosticTests
{
    private const string Spec = Specs.SpecFile;

    [Fact]
    public void The_valid_spec_reports_nothing_and_generates_code()
    {
        DiagnosticRun run = Specs.Run(Specs.Valid).Reports().Generates(Specs.TaggerSources);
        GeneratorHarness.CompileAndLoad(run.Output);
    }

    // ---- RNN0002 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0002")]
    public void RNN0002_missing_root_property_points_at_the_opening_brace()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" }
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0002", Spec, 1, 1, 2,
            "The spec is missing the required property 'weights': the .safetensors file, relative to the spec, that holds Waa, Wax, ba, Wya and by"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0002")]
    public void RNN0002_missing_nested_property_points_at_the_objects_name()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4 },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0002", Spec, 3, 3, 6,
            "The object 'a' is missing the required property 'activation': the activation of the hidden state (g_a), one of 'tanh', 'relu', 'sigmoid'"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0002")]
    public void RNN0002_input_size_is_required_for_dense_and_for_one_hot_without_vocabulary()
    {
        const string dense = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "dense" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(dense).Reports(Expected.At("RNN0002", Spec, 4, 3, 6,
            "The object 'x' is missing the required property 'size': a dense input needs its length"))
            .GeneratesNothing();

        const string oneHot = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(oneHot).Reports(Expected.At("RNN0002", Spec, 4, 3, 6,
            "The object 'x' is missing the required property 'size': a one-hot input needs either a vocabulary file or its size (the number of token indices)"))
            .GeneratesNothing();
    }

    // ---- RNN0003 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0003")]
    public void RNN0003_typo_gets_a_did_you_mean()
    {
        const string spec = """
            {
              "name": "Tagger",
              "descripton": "Tags names.",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0003", Spec, 3, 3, 15,
            "Unknown property 'descripton' in the spec; did you mean 'description'?"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0003")]
    public void RNN0003_without_a_close_match_lists_the_allowed_properties()
    {
        const string spec = """
            {
              "name": "Tagger",
              "author": "me",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0003", Spec, 3, 3, 11,
            "Unknown property 'author' in the spec; the properties allowed here are 'name', 'namespace', 'description', 'shape', 'a', 'x', 'y', 'weights', 'modules'"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0003", "RNN0002")]
    public void RNN0003_misspelt_required_property_also_reports_it_missing()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activaton": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0003", Spec, 3, 21, 32, "Unknown property 'activaton' in 'a'; did you mean 'activation'?"),
            Expected.At("RNN0002", Spec, 3, 3, 6,
                "The object 'a' is missing the required property 'activation': the activation of the hidden state (g_a), one of 'tanh', 'relu', 'sigmoid'"))
            .GeneratesNothing();
    }

    // ---- RNN0004 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0004")]
    public void RNN0004_number_written_as_a_string()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": "4", "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0004", Spec, 3, 18, 21, "a.size must be a number, but it is a string"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0004")]
    public void RNN0004_object_written_as_a_string_and_null_name()
    {
        const string spec = """
            {
              "name": null,
              "a": { "size": 4, "activation": "tanh" },
              "x": "one-hot",
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0004", Spec, 2, 11, 15, "name must be a string, but it is null"),
            Expected.At("RNN0004", Spec, 4, 8, 17, "'x' must be an object, but it is a string"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0004")]
    public void RNN0004_spec_that_is_not_an_object()
    {
        const string spec = """
            [
              "Tagger"
            ]
            """;
        Specs.Run(spec).Reports(new Expected("RNN0004", Spec, 1, 1, 3, 2,
            "The spec must be a JSON object such as { \"name\": \"MyModel\", ... }, but it is an array"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0004")]
    public void RNN0004_label_that_is_not_a_string()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": {
                "size": 2,
                "activation": "softmax",
                "labels": ["yes", 2]
              },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0004", Spec, 8, 23, 24, "y.labels[1] must be a string, but it is a number"))
            .GeneratesNothing();
    }

    // ---- RNN0005 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0005")]
    public void RNN0005_size_zero()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 0, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0005", Spec, 3, 18, 19, "a.size must be a whole number from 1 to 4096, but it is 0"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0005")]
    public void RNN0005_fraction_exponent_and_overflow()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 99999999999, "activation": "tanh" },
              "x": { "encoding": "dense", "size": 2.5 },
              "y": { "size": 2.5, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0005", Spec, 3, 18, 29, "a.size must be a whole number from 1 to 4096, but it is 99999999999"),
            Expected.At("RNN0005", Spec, 4, 39, 42, "x.size must be a whole number from 1 to 1000000, but it is 2.5"),
            Expected.At("RNN0005", Spec, 5, 18, 21, "y.size must be a whole number from 1 to 100000, but it is 2.5"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0005")]
    public void RNN0005_a_fraction_too_small_for_a_decimal_is_still_a_fraction()
    {
        // decimal.Parse rounds this to 1, which was accepted as a size; the text is read exactly instead.
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 0.99999999999999999999999999999, "activation": "tanh" },
              "x": { "encoding": "dense", "size": 1e999999999999 },
              "y": { "size": 1.000000000000000000000000000001, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0005", Spec, 3, 18, 49, "a.size must be a whole number from 1 to 4096, but it is 0.99999999999999999999999999999"),
            Expected.At("RNN0005", Spec, 4, 39, 53, "x.size must be a whole number from 1 to 1000000, but it is 1e999999999999"),
            Expected.At("RNN0005", Spec, 5, 18, 50, "y.size must be a whole number from 1 to 100000, but it is 1.000000000000000000000000000001"))
            .GeneratesNothing();
    }

    [Theory]
    [InlineData("100", 100L)]
    [InlineData("1e2", 100L)]
    [InlineData("100.0", 100L)]
    [InlineData("1.00E+2", 100L)]
    [InlineData("10000e-2", 100L)]
    [InlineData("0.01e4", 100L)]
    [InlineData("-0", 0L)]
    [InlineData("0e999999999999", 0L)]
    [InlineData("-12", -12L)]
    [InlineData("123456789012345678", 123456789012345678L)]
    [InlineData("1234567890123456789", long.MaxValue)]
    [InlineData("1e999999999999", long.MaxValue)]
    [InlineData("-1.5e999999999999", long.MinValue)]
    [InlineData("2.5", null)]
    [InlineData("0.99999999999999999999999999999", null)]
    [InlineData("1e-1", null)]
    [InlineData("1e-999999999999", null)]
    [InlineData("1000000000000000000000000000000.5", null)]
    public void JSON_numbers_are_whole_exactly_when_their_text_says_so(string text, long? whole) =>
        Assert.Equal(whole, Generators.Json.JsonNumbers.Whole(text));

    // ---- RNN0006 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0006")]
    public void RNN0006_tanhh_suggests_tanh()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanhh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0006", Spec, 3, 35, 42,
            "'tanhh' is not an activation RnnGen knows for the hidden state (g_a); use one of 'tanh', 'relu', 'sigmoid', did you mean 'tanh'?"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0006")]
    public void RNN0006_activation_of_the_wrong_layer_and_wrong_case()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "Tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "relu" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0006", Spec, 3, 35, 41,
                "'Tanh' is not an activation RnnGen knows for the hidden state (g_a); use one of 'tanh', 'relu', 'sigmoid', did you mean 'tanh'?"),
            Expected.At("RNN0006", Spec, 5, 35, 41,
                "'relu' is not an activation RnnGen knows for the output (g_y); use one of 'sigmoid', 'softmax', 'tanh', 'linear'"))
            .GeneratesNothing();
    }

    // ---- RNN0007, RNN0008 -----------------------------------------------------------------

    [Fact]
    [Covers("RNN0007")]
    public void RNN0007_unknown_encoding()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "onehot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0007", Spec, 4, 22, 30,
            "'onehot' is not an input encoding; use one of 'one-hot', 'dense', did you mean 'one-hot'?"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0008")]
    public void RNN0008_unknown_tokenizer()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt", "tokenizer": "word" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0008", Spec, 4, 73, 79,
            "'word' is not a tokenizer; use one of 'words', 'characters', 'text', did you mean 'words'?"))
            .GeneratesNothing();
    }

    // ---- RNN0009, RNN0010 -----------------------------------------------------------------

    [Theory]
    [Covers("RNN0009")]
    [InlineData("tagger", "it must start with an upper-case letter A-Z (C# type names are PascalCase; an all-lower-case name draws warning CS8981)")]
    [InlineData("Modèle", "a model name starts with a letter and has only ASCII letters, digits and '_', but it has 'è' (U+00E8) at position 4")]
    [InlineData("Name Tagger", "a model name starts with a letter and has only ASCII letters, digits and '_', but it has a space at position 5")]
    [InlineData("2Tagger", "a model name starts with a letter and has only ASCII letters, digits and '_', but it starts with a digit")]
    [InlineData("", "a model name starts with a letter and has only ASCII letters, digits and '_', but it is empty")]
    [InlineData("Name\u200BTagger", "a model name starts with a letter and has only ASCII letters, digits and '_', but it has the invisible character U+200B (zero width space) at position 5")]
    [InlineData("Tagger\u00A0", "a model name starts with a letter and has only ASCII letters, digits and '_', but it has the invisible character U+00A0 (no-break space) at position 7")]
    [InlineData("class", "it is a C# keyword")]
    [InlineData("Forward", "the generated class has a member named 'Forward'")]
    public void RNN0009_invalid_type_name(string name, string reason)
    {
        string spec = $$"""
            {
              "name": "{{name}}",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        // An invisible character in the name is written as \u200B in the message, so that the name does not look right.
        Specs.Run(spec).Reports(Expected.At("RNN0009", Spec, 2, 11, 11 + name.Length + 2,
            $"'{name.Replace("\u200B", "\\u200B", StringComparison.Ordinal).Replace("\u00A0", "\\u00A0", StringComparison.Ordinal)}' cannot be the model's C# type name: {reason}"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0009")]
    public void RNN0009_a_type_named_like_the_implementation_namespace()
    {
        const string spec = """
            {
              "name": "Generated",
              "namespace": "RnnGen",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0009", Spec, 2, 11, 22,
            "'Generated' cannot be the model's C# type name: in the namespace RnnGen the type would take the name of the namespace RnnGen.Generated, where RnnGen puts its own generated code"))
            .GeneratesNothing();
    }

    [Theory]
    [Covers("RNN0010")]
    [InlineData("My.Models.", "it has an empty part between dots")]
    [InlineData("My-Models", "'My-Models' is not an identifier of ASCII letters, digits and '_': it has '-' at position 3")]
    [InlineData("My.2Models", "'2Models' is not an identifier of ASCII letters, digits and '_': it starts with a digit")]
    [InlineData("My.class", "'class' is a C# keyword")]
    [InlineData("global.Models", "'global' is a C# keyword")]
    [InlineData("", "it is empty; remove 'namespace' to use RnnGen.Models")]
    [InlineData("RnnGen.Generated", "RnnGen.Generated is where RnnGen puts its own generated code; choose another namespace")]
    [InlineData("RnnGen.Generated.Models", "RnnGen.Generated is where RnnGen puts its own generated code; choose another namespace")]
    public void RNN0010_invalid_namespace(string ns, string reason)
    {
        string spec = $$"""
            {
              "name": "Tagger",
              "namespace": "{{ns}}",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0010", Spec, 3, 16, 16 + ns.Length + 2,
            $"'{ns}' is not a valid C# namespace: {reason}"))
            .GeneratesNothing();
    }

    // ---- RNN0016, RNN0017 -----------------------------------------------------------------

    [Fact]
    [Covers("RNN0016")]
    public void RNN0016_fewer_labels_than_outputs_points_at_the_array()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": {
                "size": 2,
                "activation": "softmax",
                "labels": ["yes"]
              },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0016", Spec, 8, 15, 22,
            "y.labels has 1 label but y.size is 2; give exactly one label per output"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0017")]
    public void RNN0017_empty_label()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": {
                "size": 2,
                "activation": "softmax",
                "labels": ["yes", ""]
              },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0017", Spec, 8, 23, 25,
            "The label y.labels[1] is empty; labels must be unique, non-empty strings of printable characters"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0017")]
    public void RNN0017_repeated_label()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": {
                "size": 2,
                "activation": "softmax",
                "labels": ["yes", "yes"]
              },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0017", Spec, 8, 23, 28,
            "The label 'yes' at y.labels[1] repeats y.labels[0]; labels must be unique, non-empty strings of printable characters"))
            .GeneratesNothing();
    }

    // ---- RNN0018 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0018")]
    public void RNN0018_vocabulary_and_tokenizer_with_dense_input_point_at_the_property_names()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": {
                "encoding": "dense",
                "size": 8,
                "vocabulary": "words.txt",
                "tokenizer": "words"
              },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0018", Spec, 7, 5, 17,
                "x.vocabulary applies only to one-hot input, but x.encoding is 'dense'; remove x.vocabulary or set x.encoding to 'one-hot'"),
            Expected.At("RNN0018", Spec, 8, 5, 16,
                "x.tokenizer applies only to one-hot input, but x.encoding is 'dense'; remove x.tokenizer or set x.encoding to 'one-hot'"))
            .GeneratesNothing();
    }

    // ---- RNN0019 --------------------------------------------------------------------------

    [Theory]
    [Covers("RNN0019")]
    [InlineData("tagger.bin", "does not end in .safetensors, the only weights format RnnGen reads")]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("/opt/models/tagger.safetensors", "is an absolute path, which would tie the build to one machine")]
    public void RNN0019_invalid_weights_path(string weights, string reason)
    {
        string spec = $$"""
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "{{weights}}"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0019", Spec, 6, 14, 14 + weights.Length + 2,
            $"weights '{weights}' {reason}; name a .safetensors file relative to the spec, such as \"tagger.safetensors\""))
            .GeneratesNothing();
    }

    /// <summary>
    /// docs/spec-format.md ("Paths") says absolute paths, '\', ':' and '..' segments are not allowed in
    /// weights and x.vocabulary, "so a model never reaches outside the models folder"; the generator
    /// only rejects absolute weights paths.
    /// </summary>
    [Theory]
    [InlineData("../shared/tagger.safetensors")]
    [InlineData("sub\\\\tagger.safetensors")]
    public void RNN0019_weights_outside_the_models_folder_are_rejected(string weights)
    {
        string spec = $$"""
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "{{weights}}"
            }
            """;
        DiagnosticRun run = Specs.Run(spec);
        Assert.Contains(run.Output.Diagnostics, d => d.Id == "RNN0019");
        Assert.Empty(run.Output.Sources);
    }

    // ---- RNN0024 --------------------------------------------------------------------------

    [Theory]
    [Covers("RNN0024")]
    [InlineData("../shared/words.txt", "leaves the spec's folder with '..', but the build only sees files under the models folder")]
    [InlineData("/usr/share/words.txt", "is an absolute path, which would tie the build to one machine")]
    [InlineData("sub\\\\words.txt", "uses '\\'; write '/' so that the spec builds on every OS")]
    public void RNN0024_vocabulary_path_outside_the_models_folder(string vocabulary, string reason)
    {
        string line = $"  \"x\": {{ \"encoding\": \"one-hot\", \"vocabulary\": \"{vocabulary}\" }},";
        string spec = "{\n  \"name\": \"Tagger\",\n  \"a\": { \"size\": 4, \"activation\": \"tanh\" },\n" + line +
            "\n  \"y\": { \"size\": 1, \"activation\": \"sigmoid\" },\n  \"weights\": \"tagger.safetensors\"\n}\n";
        int column = line.IndexOf("\"vocabulary\": ", StringComparison.Ordinal) + "\"vocabulary\": ".Length + 1;
        string written = vocabulary.Replace("\\\\", "\\", StringComparison.Ordinal);
        Specs.Run(spec).Reports(Expected.At("RNN0024", Spec, 4, column, column + vocabulary.Length + 2,
            $"x.vocabulary '{written}' {reason}; name a file relative to the spec, inside the models folder, such as \"tagger.vocab.txt\""))
            .GeneratesNothing();
    }

    // ---- RNN0026, RNN0027 -----------------------------------------------------------------

    [Fact]
    [Covers("RNN0026")]
    public void RNN0026_unknown_cell_suggests_the_nearest()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "cell": "grux" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0026", Spec, 3, 29, 35,
            "'grux' is not a recurrent cell RnnGen knows; use one of 'rnn', 'gru', 'lstm', did you mean 'gru'?"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0027")]
    public void RNN0027_a_gated_cells_activation_is_fixed()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "cell": "lstm", "activation": "relu" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0027", Spec, 3, 51, 57,
            "a.activation 'relu' cannot apply to an LSTM: its gates use sigmoid and its state tanh, as in PyTorch; remove 'activation' or write \"tanh\""))
            .GeneratesNothing();
    }

    // ---- RNN0025 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0025")]
    public void RNN0025_weights_larger_than_an_array_point_at_x_size()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4096, "activation": "tanh" },
              "x": { "encoding": "one-hot", "size": 1000000 },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0025", Spec, 4, 41, 48,
            "Wax needs 1,000,000 × 4,096 = 4,096,000,000 floats (x.size × a.size padded to a multiple of 16), more than the 2,147,483,591 that one .NET array holds; make the vocabulary or a.size smaller"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0025")]
    public void RNN0025_weights_no_loader_reads_are_refused_though_each_table_fits_an_array()
    {
        // Wax is 130,000 × 4,096 floats, under an array's length, but the file would be over the loader's 2 GiB.
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4096, "activation": "tanh" },
              "x": { "encoding": "one-hot", "size": 130000 },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(Expected.At("RNN0025", Spec, 4, 41, 47,
            "The weights file needs at least 2,197,061,646 bytes (its tensors' 549,265,409 floats of 4 bytes each, and a header), more than the "
            + "2,147,483,591 bytes that the loader reads (SafeTensorsFile.Read, 2 GiB); make x.size, a.size, a.layers or y.size smaller"))
            .GeneratesNothing();
        Assert.Equal(SafeTensorsFile.MaxFileLength, Generators.Specs.ModelBinder.MaxWeightsFileLength);

        // Just under the limit, the spec is accepted.
        Specs.Run(spec.Replace("130000", "120000", StringComparison.Ordinal)).Reports();
    }

    // ---- RNN0020 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0020")]
    public void RNN0020_duplicate_property_points_at_the_second_one()
    {
        const string spec = """
            {
              "name": "Tagger",
              "name": "Other",
              "a": { "size": 4, "activation": "tanh", "size": 8 },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        Specs.Run(spec).Reports(
            Expected.At("RNN0020", Spec, 3, 3, 9, "The property 'name' appears twice in the spec; remove one of them"),
            Expected.At("RNN0020", Spec, 4, 43, 49, "The property 'size' appears twice in 'a'; remove one of them"))
            .GeneratesNothing();
    }

    // ---- RNN0022 --------------------------------------------------------------------------

    [Fact]
    [Covers("RNN0022")]
    public void RNN0022_softmax_of_one_output_is_a_warning_and_code_is_still_generated()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
              "y": { "size": 1, "activation": "softmax" },
              "weights": "tagger.safetensors"
            }
            """;
        DiagnosticRun run = Specs.Run(spec).Reports(Expected.At("RNN0022", Spec, 5, 35, 44,
            "softmax over y.size = 1 always outputs 1.0; use 'sigmoid' for a yes/no output, or raise y.size to the number of classes"))
            .Generates(Specs.TaggerSources);
        // A warning by default; the harness compiles like this repository, with warnings as errors, which makes it an error there.
        Microsoft.CodeAnalysis.Diagnostic d = Assert.Single(run.Output.Diagnostics);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, d.DefaultSeverity);
        Assert.True(d.IsWarningAsError);
        GeneratorHarness.CompileAndLoad(run.Output);
    }
}
