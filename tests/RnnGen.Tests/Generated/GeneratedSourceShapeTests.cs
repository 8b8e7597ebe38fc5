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
