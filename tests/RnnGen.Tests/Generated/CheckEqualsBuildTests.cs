using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// check ≡ build, as a property: seeded random specs at and near every limit, with hostile names, namespaces,
/// labels, descriptions, tokens and paths, several to a project. Whatever <c>rnngen check</c> (SpecPipeline.Check)
/// says of a spec, the build says the same at the same places; every spec it accepts is generated (unless another
/// spec of the project takes its type or namespace, which only the build can see, and says so); and what is
/// generated compiles with warnings as errors. A failure prints the seed and the specs of its project.
/// </summary>
public sealed class CheckEqualsBuildTests
{
    private const int Projects = 6;
    private const int SpecsPerProject = 10;

    /// <summary>Rules about several specs together: the build reports them, check (one spec) cannot.</summary>
    private static readonly string[] SetRules = ["RNN0021", "RNN0023", "RNN0035"];

    private static readonly string[] Names =
    [
        "Tagger", "Tokenizer", "Array", "Vector512", "Unsafe", "Span", "Math", "MathF", "Encoding", "Path", "HashCode", "Models", "System",
        "RnnGen", "Generated", "ModelCatalog", "RnnModelInfo", "Collections", "InlineArray", "Output", "Hidden", "Labels", "Info", "Model",
        "VectorMath", "BatchMath", "Kernels", "A", "Z9", "Name_With_Underscores", "Person", "Label", "T" + new string('n', 99), "T" + new string('n', 100),
        "Tag\u200Bger", "Modèle", "class", "lower",
    ];

    private static readonly string[] Namespaces =
    [
        "RnnGen.Models", "RnnGen", "RnnGen.TestModels", "System", "System.Runtime.Intrinsics", "System.Collections.Generic", "System.Runtime",
        "RnnGen.Tokenizer", "Acme", "Acme.Models", "Model", "Unsafe.Things", "VectorMath", "RnnGen.Generated", "Microsoft.CodeAnalysis",
        "Global.Models", "N" + new string('s', 127), "N" + new string('s', 128), "My.Tagger", "Tagger.Models",
    ];

    /// <summary>Names and namespaces that collide with the generated code's types, or with each other (Acme.Models).</summary>
    private static readonly (string Name, string Namespace)[] Pairs =
    [
        ("Tokenizer", "RnnGen"), ("Array", "System"), ("Vector512", "System"), ("Vector512", "System.Runtime.Intrinsics"), ("Collections", "System"),
        ("RnnModelInfo", "RnnGen"), ("Models", "Acme"), ("Tagger", "Acme.Models"), ("Unsafe", "System.Runtime.CompilerServices"), ("Generated", "RnnGen"),
        ("Encoding", "System.Text"), ("Span", "System"), ("Path", "System.IO"), ("Enumerable", "System.Linq"), ("InlineArray", "System.Runtime.CompilerServices"),
        ("Models", "RnnGen"), ("Tagger", "RnnGen.Models"), ("Intrinsics", "System.Runtime"), ("Text", "System"), ("WeightsException", "RnnGen"),
    ];

    private static readonly string[] Labels =
    [
        "person", "Person", "output size", "1st", "!!!", "Output", "Tagger", "label", "Length", "\"quoted\"", "back\\\\slash", "\\\"\\\"\\\"",
        "人", " padded ", "B-PER", "b per", new string('l', 100), new string('l', 101), "a\\nb", "tab\\tlabel", "\\ud800", "😀 emoji",
    ];

    private static readonly string[] Descriptions =
    [
        "", "Plain.", "quotes \\\" and \\\\ backslashes", "</summary> & <b>tags</b>", "*/ /* // comment", "line\\u2028break\\nnewline",
        "lone \\ud800 surrogate", "bell \\u0007", new string('d', 2000), new string('d', 2001), "\\\"\\\"\\\" raw \\\"\\\"\\\"\\\"",
    ];

    private static readonly string[] Tokens =
    [
        "the", "\"", "\"\"\"", "\"\"\"\"\"", "\\", "back\\slash", "人", "😀", "é", "a\u200Bb", new string('t', 100), new string('t', 101), "{", "}",
        "u8", "\"\"\"u8;", "//", "/*", "#if", "tab\there", "ca\u0001t", "x\uD800",
    ];

    private sealed record Generated(string FileName, string Text);

    [Fact]
    public void What_check_says_of_a_spec_the_build_says_and_what_it_accepts_compiles_warning_free()
    {
        var failures = new List<string>();
        int accepted = 0, refused = 0;
        for (int project = 0; project < Projects; project++)
        {
            ulong seed = 0xC4EC_0000UL + (ulong)project;
            var random = new DeterministicRandom(seed);
            List<(string FileName, string Text)> files = [];
            for (int i = 0; i < SpecsPerProject; i++) files.AddRange(Spec(random, $"s{i:D2}"));
            try
            {
                (int yes, int no) = CheckProject(files);
                accepted += yes;
                refused += no;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"seed 0x{seed:X}: {e.Message}\n" + string.Join("\n", files.Select(f => $"--- {f.FileName}\n{Short(f.Text)}")));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // Both halves of the property are exercised: many specs accepted and compiled, many refused.
        Assert.True(accepted >= Projects * SpecsPerProject / 5 && refused >= Projects * SpecsPerProject / 5, $"{accepted} accepted, {refused} refused");
    }

    private static string Short(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    /// <summary>Checks one project; how many of its specs check accepted and refused.</summary>
    private static (int Accepted, int Refused) CheckProject(List<(string FileName, string Text)> files)
    {
        int yes = 0, no = 0;
        GeneratorOutput output = GeneratorHarness.Run(files);
        SpecFile[] all = files.Select(f => new SpecFile(GeneratorHarness.PathOf(f.FileName), f.Text)).ToArray();
        var fromSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (Diagnostic d in output.Diagnostics.Where(d => SetRules.Contains(d.Id))) fromSet.Add(d.Location.GetLineSpan().Path);

        foreach ((string fileName, string text) in files.Where(f => f.FileName.EndsWith(".rnn.json", StringComparison.Ordinal)))
        {
            string path = GeneratorHarness.PathOf(fileName);
            StepResult<ModelSpec> check = SpecPipeline.Check(new SpecFile(path, text), all, GeneratorHarness.ModelsDirectory + System.IO.Path.DirectorySeparatorChar);
            // The spec's own files: it, and the vocabulary named after its key (no other spec names it).
            string key = fileName[..fileName.IndexOf('.', StringComparison.Ordinal)];
            var own = files.Where(f => f.FileName.StartsWith(key + ".", StringComparison.Ordinal)).Select(f => GeneratorHarness.PathOf(f.FileName)).ToHashSet();
            string[] fromCheck = check.Diagnostics.Select(Describe).Order(StringComparer.Ordinal).ToArray();
            string[] fromBuild = output.Diagnostics
                .Where(d => !SetRules.Contains(d.Id) && own.Contains(d.Location.GetLineSpan().Path))
                .Select(Describe).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (!fromCheck.SequenceEqual(fromBuild))
            {
                throw new InvalidOperationException($"{fileName}: check says\n  {string.Join("\n  ", fromCheck)}\nbut the build says\n  {string.Join("\n  ", fromBuild)}");
            }
            bool accepted = check.Value is not null && check.Diagnostics.All(d => d.Rule.Severity != RuleSeverity.Error);
            if (accepted) yes++; else no++;
            if (accepted && !fromSet.Contains(path) && !output.Sources.ContainsKey($"{check.Value!.Namespace}.{check.Value.Name}.g.cs"))
            {
                throw new InvalidOperationException($"{fileName}: check accepts it, and the build reports nothing, but generates no model");
            }
        }
        GeneratorHarness.CompileAndLoad(output);
        return (yes, no);
    }

    private static string Describe(DiagnosticInfo d) =>
        $"{d.Id} {d.FilePath}({d.Range.StartLine + 1},{d.Range.StartColumn + 1}): {d.Message}";

    private static string Describe(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        return $"{d.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static T Pick<T>(DeterministicRandom random, IReadOnlyList<T> items) => items[random.NextInt(items.Count)];

    private static bool Chance(DeterministicRandom random, int percent) => random.NextInt(100) < percent;

    /// <summary>A spec (and maybe its vocabulary), valid more often than not, near a limit or hostile in one or two places.</summary>
    private static IEnumerable<(string FileName, string Text)> Spec(DeterministicRandom random, string key)
    {
        string cell = Pick(random, new[] { "rnn", "gru", "lstm" });
        int a = Chance(random, 5) ? 4096 : Pick(random, new[] { 1, 3, 15, 16, 17, 33 });
        int layers = a == 4096 ? 1 : Pick(random, new[] { 1, 1, 2, 3, 8 });
        bool bidirectional = a != 4096 && Chance(random, 25);
        bool oneHot = Chance(random, 70);
        bool vocabulary = oneHot && Chance(random, 60);
        int y = Chance(random, 5) ? 1001 : Pick(random, new[] { 1, 2, 3, 5, 20 });
        var spec = new StringBuilder("{\n");
        if (Chance(random, 30))
        {
            (string name, string ns) = Pick(random, Pairs);
            spec.Append($"  \"name\": \"{name}\",\n  \"namespace\": \"{ns}\",\n");
        }
        else
        {
            spec.Append($"  \"name\": \"{(Chance(random, 60) ? Pick(random, Names) : "M" + key)}\",\n");
            if (Chance(random, 70)) spec.Append($"  \"namespace\": \"{Pick(random, Namespaces)}\",\n");
        }
        if (Chance(random, 50)) spec.Append($"  \"description\": \"{Pick(random, Descriptions)}\",\n");
        spec.Append($"  \"a\": {{ \"size\": {a}, \"cell\": \"{cell}\", \"layers\": {layers}, \"bidirectional\": {(bidirectional ? "true" : "false")}");
        if (cell == "rnn") spec.Append(", \"activation\": \"").Append(Pick(random, new[] { "tanh", "relu", "sigmoid" })).Append('"');
        spec.Append(" },\n");
        List<(string, string)> extra = [];
        if (!oneHot) spec.Append($"  \"x\": {{ \"encoding\": \"dense\", \"size\": {Pick(random, new[] { 1, 7, 64 })} }},\n");
        else if (!vocabulary) spec.Append($"  \"x\": {{ \"encoding\": \"one-hot\", \"size\": {Pick(random, new[] { 1, 10, 1000 })}{(Chance(random, 30) ? ", \"embedding\": 5" : "")} }},\n");
        else
        {
            string file = key + (Chance(random, 50) ? ".vocab.txt" : ".txt");
            var tokens = new List<string> { "<UNK>" };
            int count = Pick(random, new[] { 1, 3, 12 });
            for (int i = 0; i < count; i++) tokens.Add(Chance(random, 50) ? Pick(random, Tokens) + i.ToString(CultureInfo.InvariantCulture) : "w" + i.ToString(CultureInfo.InvariantCulture));
            tokens = tokens.Distinct(StringComparer.Ordinal).ToList();
            (tokens[0], tokens[random.NextInt(tokens.Count)]) = (tokens[random.NextInt(tokens.Count)], tokens[0]);
            extra.Add((file, string.Join("\n", tokens) + "\n"));
            spec.Append($"  \"x\": {{ \"encoding\": \"one-hot\", \"vocabulary\": \"{file}\", \"tokenizer\": \"{Pick(random, new[] { "words", "characters" })}\"{(Chance(random, 30) ? ", \"embedding\": 3" : "")} }},\n");
        }
        spec.Append($"  \"y\": {{ \"size\": {y}, \"activation\": \"{Pick(random, new[] { "sigmoid", "softmax", "tanh", "linear" })}\"");
        if (Chance(random, 60))
        {
            var labels = Enumerable.Range(0, y).Select(i => i < 6 && Chance(random, 60) ? Pick(random, Labels) : (y > 100 ? "a longer label for the data path " : "l") + i.ToString(CultureInfo.InvariantCulture));
            spec.Append(", \"labels\": [").Append(string.Join(", ", labels.Select(l => "\"" + l + "\""))).Append(']');
        }
        spec.Append(" },\n");
        string weights = Chance(random, 10) ? new string('w', Pick(random, new[] { 244, 245 })) + ".safetensors" : key + ".safetensors";
        spec.Append($"  \"weights\": \"{weights}\"");
        if (cell != "rnn" && Chance(random, 20)) spec.Append($",\n  \"modules\": {{ \"rnn\": \"{(Chance(random, 50) ? "encoder.rnn_1" : "m" + new string('p', Pick(random, new[] { 199, 200 })))}\" }}");
        spec.Append("\n}\n");
        return [(key + ".rnn.json", spec.ToString()), .. extra];
    }
}
