using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using RnnGen.Generators.Model;
using RnnGen.Reference;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The differential property test for the cells: random GRU, LSTM and stacked Elman specs (depths 1 to 3,
/// one-hot with and without an embedding, dense, uni- and bidirectional; sizes around the kernel plans' edges) are compiled in
/// memory, run on random PyTorch-named weights through every SIMD width, and compared with the MathNet
/// reference of PyTorch's equations (<see cref="ReferenceStack"/>).
/// </summary>
public sealed class CellDifferentialTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-5;
    private static readonly int[] Widths = { 512, 256, 128, 0 };

    internal sealed record CellSpec(string Name, string Cell, int A, int Layers, string Encoding, int X, int Embedding, int Y, string Activation, string Output,
        bool Bidirectional = false)
    {
        public bool OneHot => Encoding == SpecWords.OneHot;

        public string Json() => $$"""
            {
              "name": "{{Name}}",
              "namespace": "RnnGen.TestModels",
              "a": { "size": {{A}}, "cell": "{{Cell}}", "layers": {{Layers}}, "bidirectional": {{(Bidirectional ? "true" : "false")}}{{(Cell == SpecWords.Rnn ? $", \"activation\": \"{Activation}\"" : "")}} },
              "x": { "encoding": "{{Encoding}}", "size": {{X}}{{(Embedding > 0 ? $", \"embedding\": {Embedding}" : "")}} },
              "y": { "size": {{Y}}, "activation": "{{Output}}" },
              "weights": "{{Name.ToLowerInvariant()}}.safetensors"
            }
            """;

        public IReadOnlyList<TensorInfo> Tensors() => ModelTensors
            .For(SpecNames.ParseCell(Cell), A, X, Y, Layers, Embedding, bidirectional: Bidirectional)
            .Select(t => new TensorInfo(t.Name, t.Shape.Select(d => d.Size).ToArray()))
            .ToList();

        public string Probe() => Probes.Run(Name, "global::RnnGen.TestModels." + Name, OneHot, Bidirectional, "float[][] w",
            $"new global::RnnGen.TestModels.{Name}({string.Join(", ", Enumerable.Range(0, Tensors().Count).Select(i => $"w[{i}]"))})");
    }

    internal static IReadOnlyList<CellSpec> Specs()
    {
        var random = new DeterministicRandom(20261201);
        string[] outputs = { "sigmoid", "softmax", "tanh", "linear" };
        int[] sizes = { 1, 5, 16, 17, 33, 100, 130 };
        var specs = new List<CellSpec>();
        int n = 0;
        foreach (string cell in SpecWords.Cells)
        {
            foreach (int layers in new[] { 1, 2, 3 })
            {
                foreach (string encoding in new[] { "onehot-embedding", "onehot", "dense" })
                {
                    bool embedding = encoding == "onehot-embedding";
                    // A single Elman layer without an embedding keeps the textbook's names: DifferentialTests covers it.
                    if (cell == SpecWords.Rnn && layers == 1 && !embedding) continue;
                    int a = sizes[random.NextInt(sizes.Length)];
                    bool oneHot = encoding != "dense";
                    specs.Add(new CellSpec($"Cell{n++}", cell, a, layers, oneHot ? SpecWords.OneHot : SpecWords.Dense,
                        oneHot ? 2 + random.NextInt(400) : 1 + random.NextInt(24), embedding ? 1 + random.NextInt(40) : 0,
                        1 + random.NextInt(6), random.NextInt(2) == 0 ? "tanh" : "relu", outputs[random.NextInt(outputs.Length)]));
                }
            }
        }
        // Bidirectional: every cell, one and two layers, one-hot or dense (drawn).
        foreach (string cell in SpecWords.Cells)
        {
            foreach (int layers in new[] { 1, 2 })
            {
                bool oneHot = random.NextInt(2) == 0;
                specs.Add(new CellSpec($"CellBi{n++}", cell, sizes[random.NextInt(sizes.Length)], layers, oneHot ? SpecWords.OneHot : SpecWords.Dense,
                    oneHot ? 2 + random.NextInt(400) : 1 + random.NextInt(24), oneHot && random.NextInt(2) == 0 ? 1 + random.NextInt(40) : 0,
                    1 + random.NextInt(6), "tanh", outputs[random.NextInt(outputs.Length)], Bidirectional: true));
            }
        }
        // Several chunks, with a loop over them at 128 bits, in a bidirectional stack (per-direction copy-back), and a stacked sigmoid Elman.
        specs.Add(new CellSpec("CellWideBiLstm", SpecWords.Lstm, 260, 2, SpecWords.Dense, 7, 0, 2, "tanh", "softmax", Bidirectional: true));
        specs.Add(new CellSpec("CellSigmoidStack", SpecWords.Rnn, 33, 2, SpecWords.Dense, 5, 0, 2, "sigmoid", "linear"));
        // Wide enough for several chunks at 256 and 128 bits, and a loop over them.
        specs.Add(new CellSpec("CellWideGru", SpecWords.Gru, 300, 1, SpecWords.OneHot, 50, 0, 3, "tanh", "softmax"));
        specs.Add(new CellSpec("CellWideLstm", SpecWords.Lstm, 260, 2, SpecWords.Dense, 7, 0, 2, "tanh", "sigmoid"));
        return specs;
    }

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        IReadOnlyList<CellSpec> specs = Specs();
        GeneratorOutput output = GeneratorHarness.Run(
            specs.Select(s => (s.Name.ToLowerInvariant() + ".rnn.json", s.Json())), specs.Select(s => s.Probe()), "CellDifferentialModels");
        Assert.Empty(output.Diagnostics.Where(d => d.Id.StartsWith("RNN", StringComparison.Ordinal) && d.Id != "RNN0022"));
        return GeneratorHarness.CompileAndLoad(output);
    });

    [Fact]
    public void Every_random_cell_matches_the_reference_at_every_vector_width()
    {
        var failures = new List<string>();
        double worst = 0;
        foreach (CellSpec spec in Specs())
        {
            var random = new DeterministicRandom(DifferentialTests.StableSeed(spec.Name)); // the same in every run
            IReadOnlyList<Tensor> weights = RandomWeights.Create(spec.Tensors(), spec.A, (ulong)(spec.A * 131 + spec.X));
            var reference = new ReferenceStack(spec.Cell, spec.X, spec.A, spec.Layers, spec.Bidirectional, spec.Activation, spec.Output,
                weights.ToDictionary(t => t.Name, t => t.Data));
            int steps = 1 + random.NextInt(9);
            object input;
            double[][] expected;
            if (spec.OneHot)
            {
                int[] tokens = Enumerable.Range(0, steps).Select(_ => random.NextInt(spec.X)).ToArray();
                input = tokens;
                expected = reference.ForwardOneHot(tokens);
            }
            else
            {
                float[][] xs = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, spec.X).Select(_ => random.Uniform(-1, 1)).ToArray()).ToArray();
                input = xs.SelectMany(x => x).ToArray();
                expected = reference.ForwardDense(xs);
            }
            Type probe = s_assembly.Value.GetType("Probe_" + spec.Name, throwOnError: true)!;
            float[][] w = weights.Select(t => t.Data).ToArray();
            foreach (int width in Widths)
            {
                var outputs = (float[])probe.GetMethod("Run")!.Invoke(null, new object[] { width, w, input })!;
                for (int t = 0; t < steps; t++)
                {
                    for (int k = 0; k < spec.Y; k++)
                    {
                        double diff = Math.Abs(outputs[t * spec.Y + k] - expected[t][k]);
                        worst = Math.Max(worst, diff);
                        if (!(diff <= Tolerance)) failures.Add($"{spec} width {width}: t={t} k={k} got {outputs[t * spec.Y + k]} expected {expected[t][k]}");
                    }
                }
            }
        }
        log.WriteLine($"{Specs().Count} cell specs × {Widths.Length} paths; largest difference from the reference: {worst.ToString("E2", CultureInfo.InvariantCulture)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}

/// <summary>Streaming Step of a gated, stacked model and Forward into a span allocate nothing, as for the Elman cell.</summary>
public sealed class CellAllocationTests
{
    [Fact]
    public void Gru_and_lstm_Step_and_Forward_into_a_span_allocate_nothing()
    {
        var specs = new[]
        {
            new CellDifferentialTests.CellSpec("AllocGru", SpecWords.Gru, 64, 2, SpecWords.OneHot, 50, 16, 3, "tanh", "softmax"),
            new CellDifferentialTests.CellSpec("AllocLstm", SpecWords.Lstm, 100, 1, SpecWords.Dense, 16, 0, 1, "tanh", "sigmoid"),
        };
        const string probe = """
            public static class AllocationProbe
            {
                public static long[] Measure(float[][] gru, float[][] lstm)
                {
                    var g = new RnnGen.TestModels.AllocGru(gru[0], gru[1], gru[2], gru[3], gru[4], gru[5], gru[6], gru[7], gru[8], gru[9], gru[10]);
                    var l = new RnnGen.TestModels.AllocLstm(lstm[0], lstm[1], lstm[2], lstm[3], lstm[4], lstm[5]);
                    int[] tokens = { 1, 2, 3, 4, 5, 6, 7 };
                    float[] xs = new float[7 * 16];
                    var gOut = new RnnGen.TestModels.AllocGru.Output[7];
                    var lOut = new RnnGen.TestModels.AllocLstm.Output[7];
                    var gs = new RnnGen.TestModels.AllocGru.Hidden();
                    var ls = new RnnGen.TestModels.AllocLstm.Hidden();
                    for (int i = 0; i < 2000; i++) { g.Step(ref gs, tokens[i % 7], out _); l.Step(ref ls, new System.ReadOnlySpan<float>(xs, 0, 16), out _); g.Forward(tokens, gOut); l.Forward(xs, lOut); }
                    long best = long.MaxValue, bestForward = long.MaxValue;
                    for (int window = 0; window < 2; window++)
                    {
                        long before = System.GC.GetAllocatedBytesForCurrentThread();
                        for (int i = 0; i < 5000; i++) { g.Step(ref gs, tokens[i % 7], out _); l.Step(ref ls, new System.ReadOnlySpan<float>(xs, 16, 16), out _); }
                        long middle = System.GC.GetAllocatedBytesForCurrentThread();
                        for (int i = 0; i < 500; i++) { g.Forward(tokens, gOut); l.Forward(xs, lOut); }
                        long after = System.GC.GetAllocatedBytesForCurrentThread();
                        best = System.Math.Min(best, middle - before);
                        bestForward = System.Math.Min(bestForward, after - middle);
                    }
                    return new[] { best, bestForward };
                }
            }
            """;
        GeneratorOutput output = GeneratorHarness.Run(specs.Select(s => (s.Name.ToLowerInvariant() + ".rnn.json", s.Json())), new[] { probe }, "Allocation");
        System.Reflection.Assembly assembly = GeneratorHarness.CompileAndLoad(output);
        float[][] W(CellDifferentialTests.CellSpec s) => RandomWeights.Create(s.Tensors(), s.A, 3).Select(t => t.Data).ToArray();
        var bytes = (long[])assembly.GetType("AllocationProbe")!.GetMethod("Measure")!.Invoke(null, new object[] { W(specs[0]), W(specs[1]) })!;
        Assert.Equal(0, bytes[0]);
        Assert.Equal(0, bytes[1]);
    }
}
