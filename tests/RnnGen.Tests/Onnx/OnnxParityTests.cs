using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using RnnGen.Onnx;
using RnnGen.Tests.Generated;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Onnx;

/// <summary>
/// The exported ONNX graph, run by ONNX Runtime 1.31.1, computes what the generated code computes: every cell ×
/// 1 and 2 layers × forward and bidirectional × one-hot, one-hot with an embedding and dense input, on sequences of
/// 1, 4 and 9 steps, as a batch of three, and (forward models) one token per run with hn and cn fed back as h0 and c0;
/// and a classifier (many-to-one) of each cell, whose y is ŷ&lt;T&gt; only.
/// </summary>
public sealed class OnnxParityTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-6;

    private static IReadOnlyList<CellDifferentialTests.CellSpec> Specs()
    {
        string[] outputs = { SpecWords.Sigmoid, SpecWords.Softmax, SpecWords.Tanh, SpecWords.Linear };
        string[] hidden = { SpecWords.Tanh, SpecWords.Relu, SpecWords.Sigmoid };
        var specs = new List<CellDifferentialTests.CellSpec>();
        int n = 0;
        foreach (string cell in SpecWords.Cells)
        {
            foreach (int layers in new[] { 1, 2 })
            {
                foreach (bool bi in new[] { false, true })
                {
                    foreach (string input in new[] { "onehot", "embedding", "dense" })
                    {
                        bool oneHot = input != "dense";
                        specs.Add(new CellDifferentialTests.CellSpec(
                            $"Onnx{cell}{layers}{(bi ? "Bi" : "")}{input}", cell, n % 2 == 0 ? 5 : 17, layers, oneHot ? SpecWords.OneHot : SpecWords.Dense,
                            oneHot ? 23 : 4, input == "embedding" ? 6 : 0, 2 + n % 3, cell == SpecWords.Rnn ? hidden[n % 3] : SpecWords.Tanh,
                            outputs[n % 4], bi));
                        n++;
                    }
                }
            }
        }
        // Classifiers (many-to-one): y is ŷ<T> only. Forward only: a classifier cannot be bidirectional.
        specs.Add(new CellDifferentialTests.CellSpec("OnnxLastrnn", SpecWords.Rnn, 9, 2, SpecWords.OneHot, 23, 0, 3, SpecWords.Tanh, SpecWords.Softmax));
        specs.Add(new CellDifferentialTests.CellSpec("OnnxLastgru", SpecWords.Gru, 17, 1, SpecWords.OneHot, 23, 6, 2, SpecWords.Tanh, SpecWords.Sigmoid));
        specs.Add(new CellDifferentialTests.CellSpec("OnnxLastlstm", SpecWords.Lstm, 5, 2, SpecWords.Dense, 4, 0, 4, SpecWords.Tanh, SpecWords.Linear));
        return specs;
    }

    private static bool Classifier(string name) => name.StartsWith("OnnxLast", StringComparison.Ordinal);

    private static string Json(CellDifferentialTests.CellSpec spec) =>
        Classifier(spec.Name) ? spec.Json().Replace("\"namespace\"", $"\"shape\": \"{SpecWords.ManyToOne}\",\n  \"namespace\"", StringComparison.Ordinal) : spec.Json();

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        IReadOnlyList<CellDifferentialTests.CellSpec> specs = Specs();
        GeneratorOutput output = GeneratorHarness.Run(
            specs.Select(s => (s.Name.ToLowerInvariant() + ".rnn.json", Json(s))), specs.Select(s => s.Probe()), "OnnxParityModels");
        Assert.Empty(output.Diagnostics.Where(d => d.Id.StartsWith("RNN", StringComparison.Ordinal) && d.Id != "RNN0022"));
        return GeneratorHarness.CompileAndLoad(output);
    });

    public static IEnumerable<object[]> Cases() => Specs().Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_exported_model_in_ONNX_Runtime_matches_the_generated_code(string name)
    {
        CellDifferentialTests.CellSpec spec = Specs().Single(s => s.Name == name);
        RnnModelInfo info = InfoOf(name);
        float[][] w = RandomWeights.Create(spec.Tensors(), spec.A, (ulong)(spec.A * 7 + spec.X)).Select(t => t.Data).ToArray();
        byte[] onnx = OnnxExporter.Export(RecurrentWeights.From(info, w), null);
        MethodInfo generated = s_assembly.Value.GetType("Probe_" + name, throwOnError: true)!.GetMethod("Run")!;
        using var ort = new OrtRun(onnx, info);
        var random = new DeterministicRandom(DifferentialTests.StableSeed(name));
        double worst = 0;
        bool last = info.Shape == SpecWords.ManyToOne;   // a classifier's y is ŷ<T> only; one token per run gives every step's
        Assert.Equal(Classifier(name), last);

        // One sequence per run, of 1, 4 and 9 steps, from the zero state.
        foreach (int steps in new[] { 1, 4, 9 })
        {
            Sequence s = Draw(spec, steps, random);
            var expected = (float[])generated.Invoke(null, new[] { 0, w, s.Generated })!;
            OrtOutputs got = ort.Run(steps, 1, s.Tokens, s.Xs);
            worst = Math.Max(worst, Compare(last ? expected[^spec.Y..] : expected, got.Y, $"{name}, {steps} steps"));
        }

        // Three sequences of 6 steps in one batch: y is [T, B, Y], sequence b at [t, b].
        const int T = 6, B = 3;
        Sequence[] batch = Enumerable.Range(0, B).Select(_ => Draw(spec, T, random)).ToArray();
        long[]? tokens = spec.OneHot ? new long[T * B] : null;
        float[]? xs = spec.OneHot ? null : new float[T * B * spec.X];
        for (int b = 0; b < B; b++)
        {
            for (int t = 0; t < T; t++)
            {
                if (tokens is not null) tokens[t * B + b] = batch[b].Tokens![t];
                else Array.Copy(batch[b].Xs!, t * spec.X, xs!, (t * B + b) * spec.X, spec.X);
            }
        }
        OrtOutputs together = ort.Run(T, B, tokens, xs);
        for (int b = 0; b < B; b++)
        {
            var expected = (float[])generated.Invoke(null, new[] { 0, w, batch[b].Generated })!;
            float[] column = last
                ? together.Y.Skip(b * spec.Y).Take(spec.Y).ToArray()
                : Enumerable.Range(0, T).SelectMany(t => together.Y.Skip((t * B + b) * spec.Y).Take(spec.Y)).ToArray();
            worst = Math.Max(worst, Compare(last ? expected[^spec.Y..] : expected, column, $"{name}, batch of {B}, sequence {b}"));
        }

        // Forward models: one token per run, the state carried from hn (and cn) to h0 (and c0).
        if (!spec.Bidirectional)
        {
            Sequence s = Draw(spec, 7, random);
            var expected = (float[])generated.Invoke(null, new[] { 0, w, s.Generated })!;
            var streamed = new List<float>();
            float[]? h = null, c = null;
            for (int t = 0; t < 7; t++)
            {
                OrtOutputs step = ort.Run(1, 1, s.Tokens is null ? null : new[] { s.Tokens[t] }, s.Xs?.Skip(t * spec.X).Take(spec.X).ToArray(), h, c);
                streamed.AddRange(step.Y);
                h = step.Hn;
                c = info.Cell == SpecWords.Lstm ? step.Cn : null;
            }
            worst = Math.Max(worst, Compare(expected, streamed.ToArray(), $"{name}, streamed"));
        }
        log.WriteLine($"{name}: {info.Cell}, {info.Layers} layer(s), {(info.Bidirectional ? "bidirectional" : "forward")}, {info.InputEncoding}"
            + $"{(info.EmbeddingSize > 0 ? " + embedding" : "")}, {info.Shape}, a = {info.HiddenSize}: max |Δ| = {worst.ToString("E2", CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public void The_vocabulary_and_labels_are_the_models_metadata()
    {
        CellDifferentialTests.CellSpec spec = Specs().First(s => s.OneHot);
        RnnModelInfo info = InfoOf(spec.Name);
        info = info with { Labels = Enumerable.Range(0, info.OutputSize).Select(i => $"label, {i}").ToArray() };
        float[][] w = RandomWeights.Create(spec.Tensors(), spec.A, 1).Select(t => t.Data).ToArray();
        string[] vocabulary = Enumerable.Range(0, spec.X).Select(i => i == 0 ? SpecWords.Unknown : $"wörd\"{i}").ToArray();
        using var ort = new OrtRun(OnnxExporter.Export(RecurrentWeights.From(info, w), vocabulary), info);

        Assert.Equal(vocabulary, JsonSerializer.Deserialize<string[]>(ort.Metadata[OnnxNames.VocabularyKey]));
        Assert.Equal(info.Labels, JsonSerializer.Deserialize<string[]>(ort.Metadata[OnnxNames.LabelsKey]));
        Assert.Equal(SpecWords.Unknown, ort.Metadata[OnnxNames.UnknownKey]);
        Assert.Equal(info.Tokenizer, ort.Metadata[OnnxNames.TokenizerKey]);
        Assert.Equal(info.Key, ort.Metadata[OnnxNames.ModelKey]);
    }

    [Fact]
    public void Weights_that_do_not_fit_the_model_are_refused_with_the_tensor_named()
    {
        CellDifferentialTests.CellSpec spec = Specs().First(s => s.Cell == SpecWords.Gru);
        RnnModelInfo info = InfoOf(spec.Name);
        float[][] w = RandomWeights.Create(spec.Tensors(), spec.A, 1).Select(t => t.Data).ToArray();
        w[1] = new float[w[1].Length + 1];
        var e = Assert.Throws<ArgumentException>(() => RecurrentWeights.From(info, w));
        Assert.Contains(info.Tensors[1].Name, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RecurrentWeights.From(info, w.Take(3).ToArray()));
    }

    /// <summary>The generated model's Info, as it describes itself.</summary>
    private static RnnModelInfo InfoOf(string name) => (RnnModelInfo)s_assembly.Value.GetType("RnnGen.TestModels." + name, throwOnError: true)!
        .GetProperty("Info", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private sealed record Sequence(long[]? Tokens, float[]? Xs, object Generated);

    private static Sequence Draw(CellDifferentialTests.CellSpec spec, int steps, DeterministicRandom random)
    {
        if (spec.OneHot)
        {
            int[] ids = Enumerable.Range(0, steps).Select(_ => random.NextInt(spec.X)).ToArray();
            return new Sequence(ids.Select(i => (long)i).ToArray(), null, ids);
        }
        float[] xs = Enumerable.Range(0, steps * spec.X).Select(_ => random.Uniform(-1, 1)).ToArray();
        return new Sequence(null, xs, xs);
    }

    private static double Compare(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} outputs, expected {expected.Length}");
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            Assert.True(diff <= Tolerance, $"{what}: output {i} is {actual[i].ToString("R", CultureInfo.InvariantCulture)} in ONNX Runtime, "
                + $"{expected[i].ToString("R", CultureInfo.InvariantCulture)} in the generated code");
            worst = Math.Max(worst, diff);
        }
        return worst;
    }
}
