using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RnnGen.Generators.Model;
using RnnGen.Reference;
using Xunit;

namespace RnnGen.Tests.Package;

/// <summary>
/// A model that a consumer project of the package compiles from its own models/ folder: its spec, vocabulary and
/// seeded weights, the C# that runs it on one input and prints every output, and what the reference computes for it.
/// </summary>
internal sealed record ConsumerModel(
    string Key, string Namespace, string TypeName, string Spec, string? Vocabulary, IReadOnlyList<Tensor> Weights,
    string InputExpression, Func<double[][]> Expected)
{
    public string FullName => Namespace + "." + TypeName;

    /// <summary>Writes the spec, the vocabulary and the weights into <paramref name="models"/>.</summary>
    public void WriteTo(string models)
    {
        Directory.CreateDirectory(models);
        File.WriteAllText(Path.Combine(models, Key + ".rnn.json"), Spec);
        if (Vocabulary is not null) File.WriteAllText(Path.Combine(models, Key + ".vocab.txt"), Vocabulary);
        SafeTensorsFile.Write(Path.Combine(models, Key + ".safetensors"), Weights);
    }

    /// <summary>Statements that load the model from its default path beside the application and print "key t j value" lines.</summary>
    public string RunStatements() => $$"""
        {
            var model = global::{{FullName}}.Load();
            var outputs = model.Forward({{InputExpression}});
            for (int t = 0; t < outputs.Length; t++)
                for (int j = 0; j < global::{{FullName}}.OutputSize; j++)
                    global::System.Console.WriteLine("{{Key}} " + t + " " + j + " " + outputs[t][j].ToString("R", global::System.Globalization.CultureInfo.InvariantCulture));
        }
        """;

    /// <summary>The outputs printed for this model, by step and output.</summary>
    public static double[][] Printed(string output, string key)
    {
        var rows = new SortedDictionary<int, SortedDictionary<int, double>>();
        foreach (Match m in Regex.Matches(output, $@"^{Regex.Escape(key)} (\d+) (\d+) (\S+)\s*$", RegexOptions.Multiline))
        {
            int t = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            int j = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (!rows.TryGetValue(t, out var row)) rows[t] = row = new SortedDictionary<int, double>();
            row[j] = double.Parse(m.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return rows.Values.Select(r => r.Values.ToArray()).ToArray();
    }

    /// <summary>Asserts that the program printed this model's reference outputs, within float rounding.</summary>
    public void AssertPrintedMatchesReference(string output, double tolerance = 1e-5)
    {
        double[][] expected = Expected();
        double[][] printed = Printed(output, Key);
        Assert.True(printed.Length == expected.Length, $"{Key}: {printed.Length} steps printed, {expected.Length} expected\n{output}");
        for (int t = 0; t < expected.Length; t++)
        {
            Assert.True(printed[t].Length == expected[t].Length, $"{Key} step {t}: {printed[t].Length} outputs, {expected[t].Length} expected\n{output}");
            for (int j = 0; j < expected[t].Length; j++)
            {
                Assert.True(Math.Abs(printed[t][j] - expected[t][j]) <= tolerance, $"{Key} t={t} j={j}: {printed[t][j]} vs reference {expected[t][j]}");
            }
        }
    }

    private static IReadOnlyList<Tensor> Seeded(CellKind cell, int a, int x, int y, int embedding, ulong seed) =>
        RandomWeights.Create(
            ModelTensors.For(cell, a, x, y, layers: 1, embedding: embedding).Select(t => new TensorInfo(t.Name, t.Shape.Select(d => d.Size).ToArray())).ToList(),
            a, seed);

    private static Dictionary<string, float[]> ByName(IReadOnlyList<Tensor> weights) => weights.ToDictionary(t => t.Name, t => t.Data);

    private static float[] W(IReadOnlyList<Tensor> weights, string name) => weights.Single(t => t.Name == name).Data;

    private static (float[][] Steps, string Literal) DenseInput(int steps, int size, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        float[][] xs = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, size).Select(_ => random.Uniform(-1, 1)).ToArray()).ToArray();
        var literal = new StringBuilder("new float[] { ");
        literal.AppendJoin(", ", xs.SelectMany(r => r).Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "f"));
        literal.Append(" }");
        return (xs, literal.ToString());
    }

    /// <summary>The textbook's Elman RNN over one-hot words (a = 4, x = 4 words, y = 1 sigmoid).</summary>
    public static ConsumerModel Tiny(string ns)
    {
        IReadOnlyList<Tensor> weights = RandomWeights.Create(4, 4, 1, 11);
        return new ConsumerModel("tiny", ns, "Tiny", $$"""
            {
              "$schema": "./rnn.schema.json",
              "name": "Tiny",
              "namespace": "{{ns}}",
              "a": { "size": 4, "activation": "tanh" },
              "x": { "encoding": "one-hot", "vocabulary": "tiny.vocab.txt" },
              "y": { "size": 1, "activation": "sigmoid" },
              "weights": "tiny.safetensors"
            }
            """, "<UNK>\nthe\ncat\nsat\n", weights, "\"the cat sat on a mat\"",
            // on, a and mat are not in the vocabulary: <UNK> = 0.
            () => new ReferenceRnn(W(weights, "Waa"), W(weights, "Wax"), W(weights, "ba"), W(weights, "Wya"), W(weights, "by"), "tanh", "sigmoid")
                .ForwardOneHot(new[] { 1, 2, 3, 0, 0, 0 }));
    }

    /// <summary>PyTorch's GRU over dense input (a = 5, x = 3, y = 2 softmax), 4 steps.</summary>
    public static ConsumerModel Sensor(string ns)
    {
        IReadOnlyList<Tensor> weights = Seeded(CellKind.Gru, 5, 3, 2, 0, 12);
        (float[][] xs, string literal) = DenseInput(4, 3, 120);
        return new ConsumerModel("sensor", ns, "Sensor", $$"""
            {
              "name": "Sensor",
              "namespace": "{{ns}}",
              "a": { "size": 5, "cell": "gru" },
              "x": { "encoding": "dense", "size": 3 },
              "y": { "size": 2, "activation": "softmax" },
              "weights": "sensor.safetensors"
            }
            """, null, weights, literal,
            () => new ReferenceStack(ReferenceStack.Gru, 3, 5, 1, false, "tanh", "softmax", ByName(weights)).ForwardDense(xs));
    }

    /// <summary>PyTorch's embedding and LSTM over one-hot words (a = 6, 4 words embedded in 3, y = 3 softmax).</summary>
    public static ConsumerModel Words(string ns)
    {
        IReadOnlyList<Tensor> weights = Seeded(CellKind.Lstm, 6, 4, 3, 3, 13);
        return new ConsumerModel("words", ns, "Words", $$"""
            {
              "name": "Words",
              "namespace": "{{ns}}",
              "a": { "size": 6, "cell": "lstm" },
              "x": { "encoding": "one-hot", "vocabulary": "words.vocab.txt", "embedding": 3 },
              "y": { "size": 3, "activation": "softmax" },
              "weights": "words.safetensors"
            }
            """, "<UNK>\nred\ngreen\nblue\n", weights, "\"red blue green red grey\"",
            () => new ReferenceStack(ReferenceStack.Lstm, 4, 6, 1, false, "tanh", "softmax", ByName(weights)).ForwardOneHot(new[] { 1, 3, 2, 1, 0 }));
    }

    /// <summary>The textbook's Elman RNN over dense input (a = 3 relu, x = 2, y = 1 linear), 5 steps.</summary>
    public static ConsumerModel Pulse(string ns)
    {
        IReadOnlyList<Tensor> weights = RandomWeights.Create(3, 2, 1, 14);
        (float[][] xs, string literal) = DenseInput(5, 2, 140);
        return new ConsumerModel("pulse", ns, "Pulse", $$"""
            {
              "name": "Pulse",
              "namespace": "{{ns}}",
              "a": { "size": 3, "activation": "relu" },
              "x": { "encoding": "dense", "size": 2 },
              "y": { "size": 1, "activation": "linear" },
              "weights": "pulse.safetensors"
            }
            """, null, weights, literal,
            () => new ReferenceRnn(W(weights, "Waa"), W(weights, "Wax"), W(weights, "ba"), W(weights, "Wya"), W(weights, "by"), "relu", "linear")
                .ForwardDense(xs));
    }
}
