using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// What each step of the incremental pipeline does after one edit: cached or unchanged where nothing
/// it depends on changed, modified only where it must. The steps, by tracking name, are those of
/// <see cref="RnnModelGenerator.Steps"/>.
/// </summary>
public sealed class IncrementalPipelineTests
{
    private const string Tagger = """
        {
          "name": "Tagger",
          "namespace": "RnnGen.TestModels",
          "a": { "size": 8, "activation": "tanh" },
          "x": { "encoding": "one-hot", "vocabulary": "tagger.txt" },
          "y": { "size": 1, "activation": "sigmoid" },
          "weights": "tagger.safetensors"
        }
        """;

    private const string Vocabulary = "<UNK>\nsam\nli\n";

    private static readonly (string, string)[] Files =
    {
        ("tagger.rnn.json", Tagger),
        ("tagger.txt", Vocabulary),
        ("dense.rnn.json", new TestSpec("Dense", 8, "tanh", false, 3, 2, "linear").Json()),
        ("notes.txt", "a text file in the models folder that no spec names\n"),
    };

    private static GeneratorRunResult Edit(string fileName, string newText)
    {
        GeneratorOutput first = GeneratorHarness.Run(Files);
        AdditionalText old = first.AdditionalTexts.Single(t => t.Path == GeneratorHarness.PathOf(fileName));
        GeneratorDriver driver = first.Driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(old.Path, newText)).RunGenerators(first.Compilation);
        return driver.GetRunResult().Results.Single();
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList() : new();

    private static bool Quiet(IncrementalStepRunReason r) => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    private static void AllQuiet(GeneratorRunResult result, params string[] steps)
    {
        foreach (string step in steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"{step} is not a tracked step of the generator");
            Assert.All(Reasons(result, step), r => Assert.True(Quiet(r), $"{step}: {r}"));
        }
    }

    private static readonly string[] EverySteps =
    {
        RnnModelGenerator.Steps.Read, RnnModelGenerator.Steps.NamedVocabularies, RnnModelGenerator.Steps.Vocabulary,
        RnnModelGenerator.Steps.Bind, RnnModelGenerator.Steps.Models, RnnModelGenerator.Steps.Model,
        RnnModelGenerator.Steps.VocabularySource, RnnModelGenerator.Steps.Catalog,
    };

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_step_cached()
    {
        GeneratorOutput first = GeneratorHarness.Run(Files);
        Compilation edited = first.Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions));
        GeneratorRunResult result = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (string step in EverySteps) Assert.All(Reasons(result, step), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_text_file_no_spec_names_runs_nothing()
    {
        GeneratorRunResult result = Edit("notes.txt", "edited\n");
        AllQuiet(result, EverySteps);
        Assert.All(Reasons(result, RnnModelGenerator.Steps.Vocabulary), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(Quiet(o.Reason), o.Reason.ToString()));
    }

    [Fact]
    public void A_text_file_no_spec_names_is_never_read()
    {
        var notes = new CountingAdditionalText(GeneratorHarness.PathOf("notes.txt"), "never read\n");
        var files = Files.Where(f => f.Item1 != "notes.txt").Select(f => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.PathOf(f.Item1), f.Item2)).Append(notes);
        var driver = CSharpGeneratorDriver.Create(new[] { new RnnModelGenerator().AsSourceGenerator() }, files, GeneratorHarness.ParseOptions,
            new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RnnGenModelsDirectory"] = GeneratorHarness.ModelsDirectory + System.IO.Path.DirectorySeparatorChar }));
        GeneratorDriverRunResult result = driver.RunGenerators(CSharpCompilation.Create("Counting", options: GeneratorHarness.CompilationOptions)).GetRunResult();
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.EndsWith("RnnGen.TestModels.Tagger.Vocabulary.g.cs", StringComparison.Ordinal));
        Assert.Equal(0, notes.Reads);
    }

    [Fact]
    public void A_whitespace_only_spec_edit_re_reads_that_spec_and_changes_nothing_after()
    {
        GeneratorRunResult result = Edit("tagger.rnn.json", Tagger + "\n\n   \n");
        List<IncrementalStepRunReason> read = Reasons(result, RnnModelGenerator.Steps.Read);
        Assert.Contains(IncrementalStepRunReason.Unchanged, read);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, read);
        AllQuiet(result, EverySteps);
    }

    [Fact]
    public void Renaming_a_token_re_emits_the_vocabulary_file_only()
    {
        GeneratorRunResult result = Edit("tagger.txt", Vocabulary.Replace("li", "lee", StringComparison.Ordinal));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(result, RnnModelGenerator.Steps.Vocabulary));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(result, RnnModelGenerator.Steps.VocabularySource));
        AllQuiet(result, RnnModelGenerator.Steps.Read, RnnModelGenerator.Steps.Bind, RnnModelGenerator.Steps.Models,
            RnnModelGenerator.Steps.Model, RnnModelGenerator.Steps.Catalog);
        Assert.Contains("\nlee\n", result.GeneratedSources.Single(s => s.HintName == "RnnGen.TestModels.Tagger.Vocabulary.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_change_re_emits_that_model_and_not_the_catalog_or_the_vocabulary()
    {
        GeneratorRunResult result = Edit("tagger.rnn.json", Tagger.Replace("\"size\": 8", "\"size\": 9", StringComparison.Ordinal));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, RnnModelGenerator.Steps.Read));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, RnnModelGenerator.Steps.Bind));
        List<IncrementalStepRunReason> models = Reasons(result, RnnModelGenerator.Steps.Model);
        Assert.Equal(1, models.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(Quiet));
        AllQuiet(result, RnnModelGenerator.Steps.Vocabulary, RnnModelGenerator.Steps.VocabularySource, RnnModelGenerator.Steps.Catalog);
        Assert.Contains("public const int HiddenSize = 9;", result.GeneratedSources.Single(s => s.HintName == "RnnGen.TestModels.Tagger.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>An in-memory additional file that counts how often the generator asks for its text.</summary>
    private sealed class CountingAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);
        private int _reads;

        public int Reads => _reads;

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return _text;
        }
    }
}
