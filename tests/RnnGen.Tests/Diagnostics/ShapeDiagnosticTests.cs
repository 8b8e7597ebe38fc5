using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>The spec's <c>shape</c>: what it accepts, and a located error for every shape a model cannot have.</summary>
public sealed class ShapeDiagnosticTests
{
    private const string Spec = Specs.SpecFile;

    /// <summary>A spec with <paramref name="shape"/> on line 3 and the given a, x and y on lines 4 to 6.</summary>
    private static string With(string shape, string a = "\"size\": 4, \"activation\": \"tanh\"",
        string x = "\"encoding\": \"one-hot\", \"vocabulary\": \"words.txt\"", string y = "\"size\": 3, \"activation\": \"softmax\"") => $$"""
        {
          "name": "Tagger",
          "shape": "{{shape}}",
          "a": { {{a}} },
          "x": { {{x}} },
          "y": { {{y}} },
          "weights": "tagger.safetensors"
        }
        """;

    [Theory]
    [InlineData("many-to-many")]
    [InlineData("many-to-one")]
    [InlineData("one-to-many")]
    public void Every_shape_generates_code_that_compiles(string shape)
    {
        DiagnosticRun run = Specs.Run(With(shape)).Reports().Generates(Specs.TaggerSources);
        Infrastructure.GeneratorHarness.CompileAndLoad(run.Output);
    }

    [Fact]
    [Covers("RNN0036")]
    public void RNN0036_an_unknown_shape_points_at_the_value_and_suggests_the_nearest()
    {
        Specs.Run(With("many-to-on")).Reports(Expected.At("RNN0036", Spec, 3, 12, 24,
            "'many-to-on' is not a sequence shape; use one of 'many-to-many', 'many-to-one', 'one-to-many', did you mean 'many-to-one'?"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0004")]
    public void A_shape_that_is_not_a_string_is_a_wrong_type()
    {
        string spec = With("x").Replace("\"shape\": \"x\"", "\"shape\": 2", System.StringComparison.Ordinal);
        Specs.Run(spec).Reports(Expected.At("RNN0004", Spec, 3, 12, 13, "shape must be a string, but it is a number")).GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0037")]
    public void RNN0037_a_generator_with_dense_input_points_at_the_encoding()
    {
        Specs.Run(With("one-to-many", x: "\"encoding\": \"dense\", \"size\": 3")).Reports(Expected.At("RNN0037", Spec, 5, 22, 29,
            "A 'one-to-many' model cannot have x.encoding 'dense': a generator feeds each sampled token back as its next input, "
            + "so x must be 'one-hot' over the tokens ŷ is a softmax over"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0037")]
    public void RNN0037_a_generator_whose_output_is_not_a_softmax_points_at_the_activation()
    {
        Specs.Run(With("one-to-many", y: "\"size\": 3, \"activation\": \"sigmoid\"")).Reports(Expected.At("RNN0037", Spec, 6, 35, 44,
            "A 'one-to-many' model cannot have y.activation 'sigmoid': a generator samples its next token from ŷ, "
            + "which must be a 'softmax' over its vocabulary"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0037")]
    public void RNN0037_a_generator_with_labels_points_at_the_labels()
    {
        Specs.Run(With("one-to-many", y: "\"size\": 3, \"activation\": \"softmax\", \"labels\": [\"a\", \"b\", \"c\"]")).Reports(
            Expected.At("RNN0037", Spec, 6, 56, 71,
                "A 'one-to-many' model cannot have y.labels: a generator's outputs are its vocabulary's tokens, output k token k; remove y.labels"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0037")]
    public void RNN0037_a_generator_whose_output_is_not_its_vocabulary_points_at_y_size()
    {
        Specs.Run(With("one-to-many", y: "\"size\": 5, \"activation\": \"softmax\"")).Reports(Expected.At("RNN0037", Spec, 6, 18, 19,
            "A 'one-to-many' model cannot have y.size 5: a generator's ŷ is a softmax over its input tokens, "
            + "the 3 lines of 'words.txt', so y.size must be 3"))
            .GeneratesNothing();
        // Without a vocabulary, against x.size.
        Specs.Run(With("one-to-many", x: "\"encoding\": \"one-hot\", \"size\": 4")).Reports(Expected.At("RNN0037", Spec, 6, 18, 19,
            "A 'one-to-many' model cannot have y.size 3: a generator's ŷ is a softmax over its 4 input tokens (x.size), so y.size must be 4"))
            .GeneratesNothing();
    }

    [Theory]
    [Covers("RNN0037")]
    [InlineData("one-to-many", "a generator feeds each output back as its next input, so it runs forward only; remove a.bidirectional")]
    [InlineData("many-to-one", "a classifier's head reads the state after the last input, and a bidirectional model has two "
        + "(the forward one at the end, the backward one at the start); remove a.bidirectional, or use shape 'many-to-many'")]
    public void RNN0037_a_bidirectional_generator_or_classifier_points_at_bidirectional(string shape, string why)
    {
        Specs.Run(With(shape, a: "\"size\": 4, \"cell\": \"gru\", \"bidirectional\": true")).Reports(Expected.At("RNN0037", Spec, 4, 53, 57,
            $"A '{shape}' model cannot have a.bidirectional true: {why}"))
            .GeneratesNothing();
    }

    [Fact]
    [Covers("RNN0037")]
    public void RNN0037_every_conflict_of_a_spec_is_reported_at_once()
    {
        DiagnosticRun run = Specs.Run(With("one-to-many", x: "\"encoding\": \"dense\", \"size\": 3", y: "\"size\": 3, \"activation\": \"linear\""));
        Assert.Equal(2, run.Output.Diagnostics.Length);
        Assert.All(run.Output.Diagnostics, d => Assert.Equal("RNN0037", d.Id));
    }
}
