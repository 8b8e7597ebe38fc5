using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Generated;

/// <summary>
/// Generated GRU, LSTM and stacked Elman models against PyTorch itself: every fixture of
/// Fixtures/PyTorch/cells (written by make_cell_fixtures.py from nn.Embedding → nn.RNN/GRU/LSTM → nn.Linear
/// with PyTorch's default initialisation) is compiled from a spec, loads PyTorch's state_dict as it is through
/// the generated Load(path), and must give PyTorch's float32 outputs within 1e-6, at every vector width
/// (Step for unidirectional models, Forward for bidirectional ones).
/// </summary>
public sealed class CellParityTests
{
    private const double Tolerance = 1e-6;

    private static readonly int[] Widths = { 512, 256, 128, 0 };

    private readonly ITestOutputHelper output;

    public CellParityTests(ITestOutputHelper output) => this.output = output;

    private static readonly string FixtureDirectory = Path.Combine(RepoPaths.Root, "tests", "RnnGen.Tests", "Fixtures", "PyTorch", "cells");

    internal sealed record CellFixture(string File, string Name, JsonElement Root)
    {
        public bool OneHot => Root.GetProperty("encoding").GetString() == SpecWords.OneHot;

        public int X => Root.GetProperty("x").GetInt32();

        public int Y => Root.GetProperty("y").GetInt32();

        public bool Bidirectional => Root.GetProperty("bidirectional").GetBoolean();

        public string Spec() => $$"""
            {
              "name": "{{Name}}",
              "namespace": "RnnGen.TestModels",
              "a": { "size": {{Root.GetProperty("a").GetInt32()}}, "cell": "{{Root.GetProperty("cell").GetString()}}", "layers": {{Root.GetProperty("layers").GetInt32()}}, "bidirectional": {{(Bidirectional ? "true" : "false")}}{{(Root.GetProperty("cell").GetString() == "rnn" ? ", \"activation\": \"" + Root.GetProperty("hiddenActivation").GetString() + "\"" : "")}} },
              "x": { "encoding": "{{Root.GetProperty("encoding").GetString()}}", "size": {{X}}{{(Root.GetProperty("embedding").GetInt32() > 0 ? ", \"embedding\": " + Root.GetProperty("embedding").GetInt32() : "")}} },
              "y": { "size": {{Y}}, "activation": "{{Root.GetProperty("outputActivation").GetString()}}" },
              "weights": "{{File}}.safetensors"
            }
            """;

        public string Probe() => Probes.Run(Name, "global::RnnGen.TestModels." + Name, OneHot, Bidirectional,
            "string weights", $"global::RnnGen.TestModels.{Name}.Load(weights)");
    }

    internal static IReadOnlyList<CellFixture> All() =>
        Directory.GetFiles(FixtureDirectory, "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            string file = Path.GetFileNameWithoutExtension(path);
            string name = "Torch" + string.Concat(file.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
            return new CellFixture(file, name, JsonDocument.Parse(File.ReadAllText(path)).RootElement);
        }).ToList();

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        IReadOnlyList<CellFixture> fixtures = All();
        GeneratorOutput generated = GeneratorHarness.Run(fixtures.Select(f => (f.File + ".rnn.json", f.Spec())), fixtures.Select(f => f.Probe()), "CellParity");
        Assert.Empty(generated.Diagnostics.Where(d => d.Id.StartsWith("RNN", StringComparison.Ordinal)));
        return GeneratorHarness.CompileAndLoad(generated);
    });

    public static IEnumerable<object[]> Names() => All().Select(f => new object[] { f.File });

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_cells_give_PyTorchs_outputs_on_PyTorchs_state_dict(string file)
    {
        CellFixture fixture = All().Single(f => f.File == file);
        Type probe = s_assembly.Value.GetType("Probe_" + fixture.Name, throwOnError: true)!;
        string weights = Path.Combine(FixtureDirectory, file + ".safetensors");
        foreach (JsonElement c in fixture.Root.GetProperty("cases").EnumerateArray())
        {
            object input = fixture.OneHot
                ? c.GetProperty("inputs").EnumerateArray().Select(v => v.GetInt32()).ToArray()
                : c.GetProperty("inputs").EnumerateArray().SelectMany(step => step.EnumerateArray().Select(v => v.GetSingle())).ToArray();
            double[][] expected = c.GetProperty("outputs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            foreach (int width in Widths)
            {
                var outputs = (float[])probe.GetMethod("Run")!.Invoke(null, new object[] { width, weights, input })!;
                Assert.Equal(expected.Length * fixture.Y, outputs.Length);
                double worst = 0;
                for (int t = 0; t < expected.Length; t++)
                {
                    for (int k = 0; k < fixture.Y; k++) worst = Math.Max(worst, Math.Abs(outputs[t * fixture.Y + k] - expected[t][k]));
                }
                output.WriteLine($"{file}, T = {expected.Length}, width {width}: max |Δ| = {worst:E2}");
                Assert.True(worst <= Tolerance, $"{file}, T = {expected.Length}, width {width}: max |Δ| = {worst:E2} against PyTorch's float32");
            }
        }
    }
}

/// <summary>What a bidirectional model's API leaves out: Step needs a sequence's end first, so calling it does not compile.</summary>
public sealed class BidirectionalApiTests
{
    [Fact]
    public void A_bidirectional_model_has_no_Step_and_its_state_is_not_public()
    {
        const string spec = """
            {
              "name": "BothWays", "namespace": "RnnGen.TestModels",
              "a": { "size": 8, "cell": "lstm", "bidirectional": true },
              "x": { "encoding": "one-hot", "size": 6 },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "both-ways.safetensors"
            }
            """;
        const string misuse = """
            public static class Misuse
            {
                public static void Run(RnnGen.TestModels.BothWays model)
                {
                    var state = new RnnGen.TestModels.BothWays.Hidden();
                    model.Step(ref state, 0, out _);
                }
            }
            """;
        GeneratorOutput output = GeneratorHarness.Run(new[] { ("both-ways.rnn.json", spec) }, new[] { misuse });
        Assert.DoesNotContain(output.Diagnostics, d => d.Id.StartsWith("RNN", StringComparison.Ordinal));
        var errors = output.Compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id).ToList();
        Assert.Contains("CS1061", errors); // no Step
        // The state type is not part of the public API (the misuse above compiles in the same assembly, so check the symbol).
        var hidden = output.Compilation.GetTypeByMetadataName("RnnGen.TestModels.BothWays+Hidden");
        Assert.NotNull(hidden);
        Assert.Equal(Microsoft.CodeAnalysis.Accessibility.Internal, hidden!.DeclaredAccessibility);
        // Without the misuse, the same model compiles warning-free.
        GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(("both-ways.rnn.json", spec)));
    }
}
