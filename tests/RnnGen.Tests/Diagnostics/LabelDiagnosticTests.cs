using System.Linq;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>RNN0033: a label that gets no property on Output is a warning that names it and why, never silence.</summary>
public sealed class LabelDiagnosticTests
{
    private static string Spec(string labels, int y) => $$"""
        {
          "name": "Tagger",
          "a": { "size": 4, "activation": "tanh" },
          "x": { "encoding": "one-hot", "vocabulary": "words.txt" },
          "y": { "size": {{y}}, "activation": "sigmoid", "labels": {{labels}} },
          "weights": "tagger.safetensors"
        }
        """;

    [Fact]
    [Covers("RNN0033")]
    public void RNN0033_labels_without_a_property_are_named_with_why_and_the_model_still_compiles()
    {
        string spec = Spec("""["Person", "1st", "person", "output size", "tagger", "!!!"]""", 6);
        DiagnosticRun run = Specs.Run(spec).Reports(Expected.At("RNN0033", Specs.SpecFile, 5, 67, 72,
            "These labels get no property on the Output type: "
            + "'1st' (y.labels[1]) makes no C# identifier, since its first ASCII letter or digit is a digit; "
            + "'person' (y.labels[2]) would be 'Person', the property of y.labels[0]; "
            + "'output size' (y.labels[3]) would be 'OutputSize', a name the generated code already uses; "
            + "'tagger' (y.labels[4]) would be 'Tagger', the model's own name; "
            + "'!!!' (y.labels[5]) has no ASCII letter or digit to make a C# identifier of; "
            + "read them by index (output[k] and Labels[k]), or rename them to make distinct C# identifiers"))
            .Generates(Specs.TaggerSources);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, Assert.Single(run.Output.Diagnostics).DefaultSeverity);

        System.Type output = GeneratorHarness.CompileAndLoad(run.Output).GetType("RnnGen.Models.Tagger+Output")!;
        Assert.NotNull(output.GetProperty("Person"));
        Assert.Null(output.GetProperty("OutputSize"));
        Assert.Null(output.GetProperty("Tagger"));
    }

    [Fact]
    [Covers("RNN0033")]
    public void RNN0033_names_five_and_counts_the_rest_once_per_spec()
    {
        string labels = "[" + string.Join(", ", Enumerable.Range(1, 40).Select(i => $"\"{i}\"")) + "]";
        DiagnosticRun run = Specs.Run(Spec(labels, 40));
        var d = Assert.Single(run.Output.Diagnostics);
        Assert.Equal("RNN0033", d.Id);
        Assert.EndsWith("'5' (y.labels[4]) makes no C# identifier, since its first ASCII letter or digit is a digit; and 35 more; "
            + "read them by index (output[k] and Labels[k]), or rename them to make distinct C# identifiers",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
