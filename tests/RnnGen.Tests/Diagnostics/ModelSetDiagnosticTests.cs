using System.IO;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>RNN0021 and RNN0023: rules about several specs together (ModelSet).</summary>
public sealed class ModelSetDiagnosticTests
{
    private const string TaggerSpec = Specs.Valid;

    [Fact]
    [Covers("RNN0021")]
    public void RNN0021_second_spec_by_path_for_the_same_type_points_at_its_name()
    {
        DiagnosticRun run = DiagnosticRun.Of(("a-tagger.rnn.json", TaggerSpec), ("b-tagger.rnn.json", TaggerSpec), ("words.txt", Specs.Words))
            .Reports(Expected.At("RNN0021", "b-tagger.rnn.json", 2, 11, 19,
                $"The type 'RnnGen.Models.Tagger' is already generated from '{GeneratorHarness.PathOf("a-tagger.rnn.json")}'; give this spec another 'name' or 'namespace'"))
            .Generates(Specs.TaggerSources);

        // The first spec is generated; the one with the error is not.
        string catalog = run.Output.Sources["RnnGenModelCatalog.g.cs"];
        Assert.Contains("\"a-tagger\"", catalog, System.StringComparison.Ordinal);
        Assert.DoesNotContain("b-tagger", catalog, System.StringComparison.Ordinal);
        GeneratorHarness.CompileAndLoad(run.Output);
    }

    [Fact]
    public void Same_name_in_another_namespace_is_no_duplicate()
    {
        string other = TaggerSpec.Replace("\"name\": \"Tagger\",", "\"name\": \"Tagger\", \"namespace\": \"Other.Models\",", System.StringComparison.Ordinal);
        DiagnosticRun.Of(("a-tagger.rnn.json", TaggerSpec), ("b-tagger.rnn.json", other), ("words.txt", Specs.Words))
            .Reports()
            .Generates([.. Specs.TaggerSources, "Other.Models.Tagger.g.cs", "Other.Models.Tagger.Vocabulary.g.cs"]);
    }

    [Fact]
    [Covers("RNN0023")]
    public void RNN0023_two_specs_with_one_file_name_warn_and_both_are_generated()
    {
        string left = Path.Combine("left", "tagger.rnn.json");
        string right = Path.Combine("right", "tagger.rnn.json");
        string leftSpec = TaggerSpec.Replace("\"Tagger\"", "\"LeftTagger\"", System.StringComparison.Ordinal);
        string rightSpec = TaggerSpec.Replace("\"Tagger\"", "\"RightTagger\"", System.StringComparison.Ordinal);
        DiagnosticRun run = DiagnosticRun.Of(
                (left, leftSpec), (Path.Combine("left", "words.txt"), Specs.Words),
                (right, rightSpec), (Path.Combine("right", "words.txt"), Specs.Words))
            .Reports(Expected.At("RNN0023", right, 2, 11, 24,
                $"Another spec is also named 'tagger.rnn.json' ('{GeneratorHarness.PathOf(left)}'); tools find models by file name, so only that one is in the model catalog; rename one of the files"))
            .Generates(
                "RnnGen.Models.LeftTagger.g.cs", "RnnGen.Models.LeftTagger.Vocabulary.g.cs",
                "RnnGen.Models.RightTagger.g.cs", "RnnGen.Models.RightTagger.Vocabulary.g.cs",
                "RnnGenModelCatalog.g.cs");

        string catalog = run.Output.Sources["RnnGenModelCatalog.g.cs"];
        Assert.Contains("LeftTagger", catalog, System.StringComparison.Ordinal);
        Assert.DoesNotContain("RightTagger", catalog, System.StringComparison.Ordinal);
        GeneratorHarness.CompileAndLoad(run.Output);
    }
}
