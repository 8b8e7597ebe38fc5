using System;
using System.Linq;
using System.Text.RegularExpressions;
using RnnGen.Tests.Infrastructure;
using RnnGen.Tests.Snapshots;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>How the generated model file reads: short lines, <c>global::</c> only in the user's namespace.</summary>
public sealed class GeneratedSourceShapeTests
{
    private static readonly (string FileName, string Text)[] LongDescription =
    {
        ("long.rnn.json", new TestSpec("LongWinded", 1000, "relu", false, 40, 30, "softmax").Json()
            .Replace("\"namespace\"", "\"description\": \"" + string.Concat(Enumerable.Repeat("A model with a very long description, ", 12)) + "\",\n  \"namespace\"", StringComparison.Ordinal)),
    };

    [Fact]
    public void Every_line_of_a_model_file_is_shorter_than_140_characters()
    {
        foreach (var files in new[] { RepoPaths.ModelFiles(), GeneratedCodeSnapshotTests.SmallSpecs, LongDescription })
        {
            GeneratorOutput output = GeneratorHarness.Run(files);
            Assert.Empty(output.Diagnostics);
            // Vocabulary files hold one token a line, as long as the token; model files must read well.
            foreach ((string hint, string source) in output.Sources.Where(s => !s.Key.EndsWith(".Vocabulary.g.cs", StringComparison.Ordinal)))
            {
                string[] lines = source.Split('\n');
                int longest = Array.FindIndex(lines, l => l.Length >= 140);
                Assert.True(longest < 0, $"{hint} line {longest + 1} has {(longest < 0 ? 0 : lines[longest].Length)} characters: {(longest < 0 ? "" : lines[longest])}");
            }
        }
    }

    /// <summary>Specs whose class docs the snapshots do not show: a stacked Elman model, a bidirectional LSTM over an embedding.</summary>
    private static readonly (string FileName, string Text)[] OtherCells =
    {
        ("deep-elman.rnn.json", """
            { "name": "DeepElman", "namespace": "RnnGen.TestModels", "a": { "size": 5, "activation": "sigmoid", "layers": 2 },
              "x": { "encoding": "dense", "size": 3 }, "y": { "size": 2, "activation": "linear" }, "weights": "deep-elman.safetensors",
              "modules": { "rnn": "body.rnn", "head": "out" } }
            """),
        ("bi-lstm.rnn.json", """
            { "name": "BiLstm", "namespace": "RnnGen.TestModels", "a": { "size": 6, "cell": "lstm", "bidirectional": true },
              "x": { "encoding": "one-hot", "size": 9, "embedding": 4 }, "y": { "size": 3, "activation": "softmax" },
              "weights": "bi-lstm.safetensors" }
            """),
    };

    [Fact]
    public void The_XML_docs_of_every_kind_of_model_are_well_formed_and_short()
    {
        // The harness parses doc comments without reporting on them; here they are parsed as a build with
        // GenerateDocumentationFile does, and every warning (CS1570 badly formed XML, CS1574 a cref to nothing) fails.
        foreach (var files in new[] { RepoPaths.ModelFiles(), GeneratedCodeSnapshotTests.SmallSpecs, OtherCells })
        {
            GeneratorOutput output = GeneratorHarness.Run(files);
            Assert.Empty(output.Diagnostics);
            var options = GeneratorHarness.ParseOptions.WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose);
            var trees = output.Sources.Values.Select(source => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, options));
            var compilation = output.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
            var warnings = compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
            Assert.True(warnings.Count == 0, string.Join("\n", warnings.Take(20)));
            foreach ((string hint, string source) in output.Sources.Where(s => !s.Key.EndsWith(".Vocabulary.g.cs", StringComparison.Ordinal)))
            {
                string? longest = source.Split('\n').FirstOrDefault(l => l.Length >= 140);
                Assert.True(longest is null, $"{hint}: {longest}");
            }
        }
    }

    [Fact]
    public void The_implementation_part_uses_no_global_qualifier_but_in_its_using_directives()
    {
        GeneratorOutput output = GeneratorHarness.Run(RepoPaths.ModelFiles());
        foreach ((string hint, string source) in output.Sources.Where(s => s.Key.StartsWith("RnnGen.Models.", StringComparison.Ordinal) && !s.Key.Contains(".Vocabulary", StringComparison.Ordinal)))
        {
            int start = source.IndexOf("namespace RnnGen.Generated", StringComparison.Ordinal);
            Assert.True(start > 0, hint + " has no implementation part");
            string implementation = source.Substring(start);
            var qualified = implementation.Split('\n').Where(l => l.Contains("global::", StringComparison.Ordinal)).ToList();
            Assert.All(qualified, l => Assert.Matches(new Regex(@"^\s*(using [A-Za-z]+ = |using )global::|^\s*\[global::System\.CodeDom\.Compiler\.GeneratedCode"), l));
            Assert.Contains("file static class", implementation, StringComparison.Ordinal);
        }
    }
}
