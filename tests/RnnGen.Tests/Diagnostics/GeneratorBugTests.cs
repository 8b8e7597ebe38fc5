using System;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// Inputs the generator accepts without a diagnostic but should not, or accepts and then emits
/// code that does not compile. The skipped tests state the behaviour the docs promise; they pass
/// once the generator is fixed.
/// </summary>
public sealed class GeneratorBugTests
{
    private static string WithDescription(string jsonEscapedDescription) =>
        Specs.Valid.Replace("\"name\": \"Tagger\",", "\"name\": \"Tagger\", \"description\": \"" + jsonEscapedDescription + "\",", StringComparison.Ordinal);

    [Theory]
    [InlineData("Tags */ names </summary> &amp; \\\"quoted\\\"")]
    [InlineData("Tags\\nnames\\ton two lines")]
    public void Description_with_markup_and_escapes_generates_compilable_code(string description)
    {
        DiagnosticRun run = Specs.Run(WithDescription(description)).Reports().Generates(Specs.TaggerSources);
        GeneratorHarness.CompileAndLoad(run.Output);
    }

    /// <summary>
    /// Literals.Xml replaces \r and \n but not the other C# line breaks (U+2028, U+2029, U+0085), so
    /// the rest of the description leaves the /// comment and becomes code: CS1585 in RnnGen.Models.Tagger.g.cs.
    /// </summary>
    [Theory]
    [InlineData("Tags\\u2028names")]
    [InlineData("Tags\\u2029names")]
    [InlineData("Tags\\u0085names")]
    public void Description_with_a_unicode_line_break_generates_compilable_code(string description)
    {
        DiagnosticRun run = Specs.Run(WithDescription(description)).Reports().Generates(Specs.TaggerSources);
        GeneratorHarness.CompileAndLoad(run.Output);
    }

    /// <summary>
    /// docs/spec-format.md (Paths) and models/rnn.schema.json forbid '..' segments in x.vocabulary
    /// ("so a model never reaches outside the models folder"); the generator resolves the path and
    /// uses the file if the build happens to include it.
    /// </summary>
    [Fact]
    public void Vocabulary_outside_the_models_folder_is_rejected()
    {
        const string spec = """
            {
              "name": "Tagger",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "../shared/words.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tagger.safetensors"
            }
            """;
        DiagnosticRun run = DiagnosticRun.Of((Specs.SpecFile, spec), ("../shared/words.txt", Specs.Words));
        Assert.Contains(run.Output.Diagnostics, d => d.Location.GetLineSpan().StartLinePosition.Line == 3);
        Assert.Empty(run.Output.Sources);
    }
}
