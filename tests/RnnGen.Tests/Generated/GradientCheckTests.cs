using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RnnGen.Reference;
using RnnGen.Tests.Infrastructure;
using RnnGen.Training;
using Xunit;
using Xunit.Abstractions;
using CellSpec = RnnGen.Tests.Generated.CellDifferentialTests.CellSpec;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The generated backward pass against central finite differences of the MathNet reference's loss in float64, for
/// every cell and activation pair: the textbook's Elman cell with each g_a × g_y, and the GRU, LSTM and PyTorch-named
/// Elman cells one-hot (with and without an embedding), dense, stacked and bidirectional. Each check runs a batch of
/// sequences of different lengths (one of them empty, so masking is exercised) with step weights, and compares the
/// analytic gradient of sampled entries of every tensor with (L(w + ε) − L(w − ε)) / (2ε).
/// </summary>
public sealed class GradientCheckTests(ITestOutputHelper log)
{
    private static readonly string[] Outputs = { "sigmoid", "softmax", "tanh", "linear" };

    internal static IReadOnlyList<CellSpec> Specs()
    {
        var specs = new List<CellSpec>();
        int n = 0;
        // The textbook's cell (Waa, Wax, ba, Wya, by): every g_a with every g_y; a = 17 has a tail of rows.
        foreach (string ga in new[] { "tanh", "relu", "sigmoid" })
        {
            foreach (string gy in Outputs) specs.Add(new CellSpec($"Grad{n++}", "rnn", n % 2 == 0 ? 17 : 5, 1, "one-hot", 11, 0, 3, ga, gy));
        }
        // PyTorch's cells: every cell, each output activation once, across the shapes the lowering knows.
        string[] shapes = { "embedding2", "dense", "onehot", "bi2", "bidense" };
        int o = 0;
        foreach (string cell in new[] { "rnn", "gru", "lstm" })
        {
            foreach (string shape in shapes)
            {
                if (cell == "rnn" && shape == "onehot") continue; // one layer without an embedding is the textbook's cell
                string gy = Outputs[o++ % Outputs.Length];
                int a = shape is "dense" or "bi2" ? 20 : 6;
                specs.Add(shape switch
                {
                    "embedding2" => new CellSpec($"Grad{n++}", cell, a, 2, "one-hot", 13, 4, 3, "tanh", gy),
                    "dense" => new CellSpec($"Grad{n++}", cell, a, 1, "dense", 5, 0, 2, "relu", gy),
                    "onehot" => new CellSpec($"Grad{n++}", cell, a, 1, "one-hot", 9, 0, 4, "tanh", gy),
                    "bi2" => new CellSpec($"Grad{n++}", cell, a, 2, "one-hot", 8, 0, 3, "tanh", gy, Bidirectional: true),
                    "bidense" => new CellSpec($"Grad{n++}", cell, a, 1, "dense", 4, 0, 2, "tanh", gy, Bidirectional: true),
                    _ => throw new InvalidOperationException(shape),
                });
            }
        }
        // States past one 512-bit chunk (112 rows): their gate tables come in tiles of 16 rows (a = 130: 8 tiles and a tail of 2).
        specs.Add(new CellSpec($"Grad{n++}", "gru", 130, 1, "dense", 5, 0, 2, "tanh", "sigmoid"));
        specs.Add(new CellSpec($"Grad{n++}", "lstm", 128, 2, "one-hot", 9, 0, 3, "tanh", "softmax"));
        return specs;
    }

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        IReadOnlyList<CellSpec> specs = Specs();
        GeneratorOutput output = GeneratorHarness.Run(specs.Select(s => (s.Name.ToLowerInvariant() + ".rnn.json", s.Json())), null, "GradientCheckModels");
        Assert.Empty(output.Diagnostics.Where(d => d.Id.StartsWith("RNN", StringComparison.Ordinal) && d.Id != "RNN0022"));
        return GeneratorHarness.CompileAndLoad(output);
    });

    internal static Assembly Assembly => s_assembly.Value;

    internal static ITrainingProgram Program(Assembly assembly, string name) =>
        (ITrainingProgram)assembly.GetType("RnnGen.TestModels." + name, throwOnError: true)!.GetProperty("Training")!.GetValue(null)!;

    /// <summary>A batch for a spec: a few sequences (one empty), random inputs, targets of the output's kind, step weights.</summary>
    internal sealed record Batch(int[] Tokens, float[] Inputs, int[] Lengths, float[] Targets, float[] Weights);

    internal static Batch MakeBatch(CellSpec spec, DeterministicRandom random, int sequences = 5, int longest = 6)
    {
        var lengths = Enumerable.Range(0, sequences).Select(i => i == 1 ? 0 : 1 + random.NextInt(longest)).ToArray();
        int steps = lengths.Sum();
        int[] tokens = spec.OneHot ? Enumerable.Range(0, steps).Select(_ => random.NextInt(spec.X)).ToArray() : Array.Empty<int>();
        float[] inputs = spec.OneHot ? Array.Empty<float>() : Enumerable.Range(0, steps * spec.X).Select(_ => random.Uniform(-1, 1)).ToArray();
        var targets = new float[steps * spec.Y];
        for (int t = 0; t < steps; t++)
        {
            if (spec.Output == "softmax") targets[t * spec.Y + random.NextInt(spec.Y)] = 1;
            else for (int k = 0; k < spec.Y; k++) targets[t * spec.Y + k] = spec.Output == "sigmoid" ? random.NextInt(2) : random.Uniform(-1, 1);
        }
        float[] weights = Enumerable.Range(0, steps).Select(t => t % 4 == 3 ? 0f : 0.5f + random.NextFloat()).ToArray();
        return new Batch(tokens, inputs, lengths, targets, weights);
    }

    /// <summary>The batch's weighted loss in float64, from the reference's outputs.</summary>
    internal static double ReferenceLoss(CellSpec spec, IReadOnlyList<TensorInfo> tensors, float[][] w, Batch batch)
    {
        Func<int[], double[][]> oneHot;
        Func<float[][], double[][]> dense;
        if (tensors[0].Name == "Waa")
        {
            var reference = new ReferenceRnn(w[0], w[1], w[2], w[3], w[4], spec.Activation, spec.Output);
            oneHot = t => reference.ForwardOneHot(t);
            dense = xs => reference.ForwardDense(xs);
        }
        else
        {
            var reference = new ReferenceStack(spec.Cell, spec.X, spec.A, spec.Layers, spec.Bidirectional, spec.Activation, spec.Output,
                tensors.Select((t, i) => (t.Name, w[i])).ToDictionary(p => p.Name, p => p.Item2));
            oneHot = t => reference.ForwardOneHot(t);
            dense = xs => reference.ForwardDense(xs);
        }
        double loss = 0;
        int at = 0;
        foreach (int length in batch.Lengths)
        {
            double[][] y = spec.OneHot
                ? oneHot(batch.Tokens.AsSpan(at, length).ToArray())
                : dense(Enumerable.Range(at, length).Select(s => batch.Inputs.AsSpan(s * spec.X, spec.X).ToArray()).ToArray());
            for (int t = 0; t < length; t++)
            {
                double step = 0;
                for (int k = 0; k < spec.Y; k++)
                {
                    double target = batch.Targets[(at + t) * spec.Y + k], p = y[t][k];
                    step += spec.Output switch
                    {
                        "sigmoid" => -(target * Math.Log(p) + (1 - target) * Math.Log(1 - p)),
                        "softmax" => target == 0 ? 0 : -target * Math.Log(p),
                        _ => 0.5 * (p - target) * (p - target),
                    };
                }
                loss += batch.Weights[at + t] * step;
            }
            at += length;
        }
        return loss;
    }

    /// <summary>(L(w + ε) − L(w − ε)) / (the float values' difference) for entry j of tensor i, L in float64.</summary>
    private static double Central(CellSpec spec, IReadOnlyList<TensorInfo> tensors, float[][] w, Batch batch, int i, int j, float epsilon)
    {
        float original = w[i][j];
        float up = original + epsilon, down = original - epsilon;
        w[i][j] = up;
        double plus = ReferenceLoss(spec, tensors, w, batch);
        w[i][j] = down;
        double minus = ReferenceLoss(spec, tensors, w, batch);
        w[i][j] = original;
        return (plus - minus) / ((double)up - down);
    }

    internal static double Backward(ITrainingProgram program, float[][] w, Batch batch, out float[][] gradients)
    {
        IRnnModel model = program.CreateModel(w);
        gradients = w.Select(t => new float[t.Length]).ToArray();
        return program.Backward(model, w, program.CreateWorkspace(),
            new SequenceBatch(batch.Tokens, batch.Inputs, batch.Lengths, batch.Targets, batch.Weights), gradients);
    }

    [Fact]
    public void Every_cell_and_activation_pair_matches_central_differences_in_float64()
    {
        var failures = new List<string>();
        int checkedEntries = 0;
        double worst = 0;
        string worstAt = "";
        int kinks = 0;
        foreach (CellSpec spec in Specs())
        {
            var random = new DeterministicRandom(DifferentialTests.StableSeed(spec.Name));
            IReadOnlyList<TensorInfo> tensors = spec.Tensors();
            float[][] w = RandomWeights.Create(tensors, spec.A, (ulong)(spec.A * 31 + spec.X)).Select(t => t.Data).ToArray();
            ITrainingProgram program = Program(s_assembly.Value, spec.Name);
            Batch batch = MakeBatch(spec, random);

            double loss = Backward(program, w, batch, out float[][] g);
            double expected = ReferenceLoss(spec, tensors, w, batch);
            if (!(Math.Abs(loss - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected))))
            {
                failures.Add($"{spec.Name} ({spec.Cell}, {spec.Activation}/{spec.Output}): loss {loss} vs reference {expected}");
            }

            for (int i = 0; i < tensors.Count; i++)
            {
                // The entry with the largest gradient, and a few at random.
                int largest = 0;
                for (int j = 1; j < g[i].Length; j++) if (Math.Abs(g[i][j]) > Math.Abs(g[i][largest])) largest = j;
                foreach (int j in new[] { largest }.Concat(Enumerable.Range(0, 5).Select(_ => random.NextInt(g[i].Length))).Distinct())
                {
                    double numeric = Central(spec, tensors, w, batch, i, j, 1e-3f);
                    // A ReLU's kink inside the interval makes the difference quotient meaningless there: one at a quarter of
                    // the width that disagrees says so, and the entry is skipped (and counted).
                    if (Math.Abs(Central(spec, tensors, w, batch, i, j, 2.5e-4f) - numeric) > 1e-4 * Math.Max(1, Math.Abs(numeric)))
                    {
                        // Only a ReLU has kinks; anywhere else the two would agree to O(ε²).
                        if (spec.Activation != "relu" || spec.Cell != "rnn") failures.Add($"{spec.Name}: {tensors[i].Name}[{j}]'s differences disagree without a ReLU");
                        kinks++;
                        continue;
                    }
                    double error = Math.Abs(g[i][j] - numeric) / Math.Max(1, Math.Abs(numeric));
                    if (error > worst) { worst = error; worstAt = $"{spec.Name} ({spec.Cell}, {spec.Activation}/{spec.Output}) {tensors[i].Name}[{j}]: {g[i][j]} vs {numeric}"; }
                    checkedEntries++;
                    if (!(error <= 1e-3))
                    {
                        failures.Add($"{spec.Name} ({spec.Cell} {spec.Layers}×{(spec.Bidirectional ? "bi" : "uni")} {spec.Encoding}, {spec.Activation}/{spec.Output}) " +
                            $"{tensors[i].Name}[{j}]: generated {g[i][j]}, central difference {numeric}");
                    }
                }
            }
        }
        log.WriteLine($"{Specs().Count} specs, {checkedEntries} entries checked ({kinks} skipped at a ReLU's kink); largest relative difference {worst:E2}, at {worstAt}.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.True(kinks * 20 < checkedEntries, $"{kinks} of {checkedEntries + kinks} entries were skipped at a kink: too many for the check to mean much.");
    }
}

/// <summary>The workspace between batches: a second Backward on the same workspace gives the first one's result, bit for bit.</summary>
public sealed class WorkspaceReuseTests
{
    [Fact]
    public void A_workspace_used_again_gives_the_same_loss_and_gradients()
    {
        var specs = GradientCheckTests.Specs();
        Assembly assembly = GradientCheckTests.Assembly;
        foreach (CellSpec spec in specs)
        {
            var random = new DeterministicRandom(DifferentialTests.StableSeed(spec.Name) + 1);
            float[][] w = RandomWeights.Create(spec.Tensors(), spec.A, 7).Select(t => t.Data).ToArray();
            ITrainingProgram program = GradientCheckTests.Program(assembly, spec.Name);
            IRnnModel model = program.CreateModel(w);
            ITrainingWorkspace workspace = program.CreateWorkspace();
            GradientCheckTests.Batch other = GradientCheckTests.MakeBatch(spec, random, sequences: 70, longest: 9);
            GradientCheckTests.Batch batch = GradientCheckTests.MakeBatch(spec, random);
            double Run(GradientCheckTests.Batch b, out float[][] g)
            {
                g = w.Select(t => new float[t.Length]).ToArray();
                return program.Backward(model, w, workspace, new SequenceBatch(b.Tokens, b.Inputs, b.Lengths, b.Targets, b.Weights), g);
            }
            double first = Run(batch, out float[][] g1);
            Run(other, out _); // more than one group of sequences, longer ones
            double again = Run(batch, out float[][] g2);
            Assert.Equal(first, again);
            for (int i = 0; i < g1.Length; i++) Assert.True(g1[i].AsSpan().SequenceEqual(g2[i]), $"{spec.Name}: tensor {i} differs on the second run");
        }
    }
}
