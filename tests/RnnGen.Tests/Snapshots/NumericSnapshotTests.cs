using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using RnnGen.Models;
using RnnGen.Tests.Generated;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Snapshots;

/// <summary>
/// Pins the numbers: each model's outputs on fixed inputs with fixed seeded weights, printed with
/// five decimals (stable across SIMD widths, whose sums differ only in the last bits).
/// </summary>
public sealed class NumericSnapshotTests
{
    private const ulong Seed = 42;

    private static float[] Tensor(IReadOnlyList<Tensor> weights, string name) => weights.Single(t => t.Name == name).Data;

    private static string Table(IReadOnlyList<string> tokens, Func<int, float[]> outputs)
    {
        var sb = new StringBuilder();
        for (int t = 0; t < tokens.Count; t++)
        {
            sb.Append(t.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(tokens[t]).Append('\t')
              .Append(VectorFormat.Fixed(outputs(t))).Append('\n');
        }
        return sb.ToString();
    }

    [Fact]
    public void NameTagger_on_the_example_sentence()
    {
        var w = RandomWeights.Create(NameTagger.HiddenSize, NameTagger.InputSize, NameTagger.OutputSize, Seed);
        var model = new NameTagger(Tensor(w, "Waa"), Tensor(w, "Wax"), Tensor(w, "ba"), Tensor(w, "Wya"), Tensor(w, "by"));
        const string text = "Sam Li and Tom date on Tuesday. Zyxwv met Sam";
        IReadOnlyList<string> words = NameTagger.Tokenize(text);
        NameTagger.Output[] outputs = model.Forward(text);
        Snapshot.Verify(Table(words, t => outputs[t].ToArray()));
    }

    [Fact]
    public void Shipped_weights_on_the_example_sentence()
    {
        NameTagger tagger = NameTagger.Load(System.IO.Path.Combine(RepoPaths.Models, "name-tagger.safetensors"));
        const string text = "Sam Li and Tom date on Tuesday.";
        NameTagger.Output[] tags = tagger.Forward(text);
        DnaSites dna = DnaSites.Load(System.IO.Path.Combine(RepoPaths.Models, "dna-sites.safetensors"));
        const string bases = "TGTGATCTAGATCACA";
        DnaSites.Output[] sites = dna.Forward(bases);
        Snapshot.Verify(Table(NameTagger.Tokenize(text), t => tags[t].ToArray()) + Table(DnaSites.Tokenize(bases), t => sites[t].ToArray()));
    }

    [Fact]
    public void DnaSites_on_a_CRP_site()
    {
        var w = RandomWeights.Create(DnaSites.HiddenSize, DnaSites.InputSize, DnaSites.OutputSize, Seed);
        var model = new DnaSites(Tensor(w, "Waa"), Tensor(w, "Wax"), Tensor(w, "ba"), Tensor(w, "Wya"), Tensor(w, "by"));
        const string bases = "AAATGTGATCTAGATCACATTTTN";
        DnaSites.Output[] outputs = model.Forward(bases);
        Snapshot.Verify(Table(DnaSites.Tokenize(bases), t => outputs[t].ToArray()));
    }

    [Fact]
    public void Small_specs_at_every_vector_width()
    {
        var specs = new[]
        {
            new TestSpec("TinyDense", 3, "relu", false, 2, 2, "linear"),
            new TestSpec("WideChunks", 300, "tanh", true, 10, 1, "tanh"),
            new TestSpec("SoftmaxSeven", 33, "sigmoid", true, 40, 7, "softmax"),
        };
        Assembly assembly = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(specs.Select(s => (s.FileName, s.Json())), specs.Select(s => s.ProbeSource())));
        var sb = new StringBuilder();
        foreach (TestSpec spec in specs)
        {
            var w = RandomWeights.Create(spec.A, spec.X, spec.Y, Seed);
            var random = new DeterministicRandom(Seed);
            object input = spec.OneHot
                ? Enumerable.Range(0, 6).Select(_ => random.NextInt(spec.X)).ToArray()
                : Enumerable.Range(0, 6 * spec.X).Select(_ => random.Uniform(-1, 1)).ToArray();
            var results = new List<string>();
            foreach (int width in new[] { 512, 256, 128 })
            {
                var outputs = (float[])assembly.GetType("Probe_" + spec.Name)!.GetMethod("Run")!.Invoke(null, new object[]
                {
                    width, Tensor(w, "Waa"), Tensor(w, "Wax"), Tensor(w, "ba"), Tensor(w, "Wya"), Tensor(w, "by"), input,
                })!;
                var tokens = Enumerable.Range(0, 6).Select(t => "t" + t.ToString(CultureInfo.InvariantCulture)).ToList();
                results.Add(Table(tokens, t => outputs.AsSpan(t * spec.Y, spec.Y).ToArray()));
            }
            // Every width prints the same: that is what makes one snapshot valid on every machine.
            Assert.All(results, r => Assert.Equal(results[0], r));
            sb.Append("# ").Append(spec.ToString()).Append('\n').Append(results[0]);
        }
        Snapshot.Verify(sb.ToString());
    }
}
