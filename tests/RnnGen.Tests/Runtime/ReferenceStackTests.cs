using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RnnGen.Reference;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// Checks the stacked-cell oracle: a GRU and an LSTM of one unit worked by hand, the constructor's
/// checks, and every PyTorch fixture in Fixtures/PyTorch/cells (written by make_cell_fixtures.py).
/// </summary>
public sealed class ReferenceStackTests
{
    /// <summary>The reference against PyTorch's float64 model: both are double precision, so only rounding differs.</summary>
    private const double Float64Tolerance = 1e-9;

    /// <summary>The reference against PyTorch's float32 model.</summary>
    private const double Float32Tolerance = 1e-5;

    private static readonly string CellsDirectory =
        Path.Combine(RepoPaths.Root, "tests", "RnnGen.Tests", "Fixtures", "PyTorch", "cells");

    private readonly ITestOutputHelper output;

    public ReferenceStackTests(ITestOutputHelper output) => this.output = output;

    // ---- By hand: a = 1, x = 1 (dense), head ŷ = 2·h − 0.5 (linear). Every weight is a dyadic fraction,
    // so float → double is exact and the only rounding is the double arithmetic below.

    private static Dictionary<string, float[]> OneUnit(float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh) => new()
    {
        ["rnn.weight_ih_l0"] = weightIh,
        ["rnn.weight_hh_l0"] = weightHh,
        ["rnn.bias_ih_l0"] = biasIh,
        ["rnn.bias_hh_l0"] = biasHh,
        ["head.weight"] = [2f],
        ["head.bias"] = [-0.5f],
    };

    private static double Sigmoid(double v) => 1.0 / (1.0 + Math.Exp(-v));

    // GRU, rows in PyTorch's order r, z, n:
    //   W_ir = 0.5, W_iz = −1,   W_in = 2       b_ir = 0,   b_iz = 0.25, b_in = −0.5
    //   W_hr = 1,   W_hz = 0.5,  W_hn = −1      b_hr = 0.5, b_hz = 0,    b_hn = 0.25
    private static ReferenceStack HandGru() => new("gru", inputSize: 1, hiddenSize: 1, layers: 1, bidirectional: false,
        "tanh", "linear", OneUnit([0.5f, -1f, 2f], [1f, 0.5f, -1f], [0f, 0.25f, -0.5f], [0.5f, 0f, 0.25f]));

    [Fact]
    public void Gru_two_steps_by_hand()
    {
        // Step 1, x = 1, h = 0:
        //   r  = σ(0.5·1 + 0 + 1·0 + 0.5)        = σ(1)     = 0.7310585786300049
        //   z  = σ(−1·1 + 0.25 + 0.5·0 + 0)      = σ(−0.75) = 0.320821300824607
        //   n  = tanh(2·1 − 0.5 + r·(−1·0 + 0.25)) = tanh(1.5 + 0.25·r) = 0.9332193957022543
        //   h1 = (1 − z)·n + z·0                  = 0.6338227352183035
        //   ŷ1 = 2·h1 − 0.5                       = 0.7676454704366069
        double r1 = Sigmoid(1), z1 = Sigmoid(-0.75), n1 = Math.Tanh(1.5 + 0.25 * r1), h1 = (1 - z1) * n1;
        Assert.Equal(0.7310585786300049, r1, 1e-15);
        Assert.Equal(0.320821300824607, z1, 1e-15);
        Assert.Equal(0.9332193957022543, n1, 1e-15);
        Assert.Equal(0.6338227352183035, h1, 1e-15);
        // Step 2, x = −0.5:
        //   r  = σ(0.5·(−0.5) + 0 + 1·h1 + 0.5)   = σ(0.25 + h1)     = 0.7076137589762429
        //   z  = σ(−1·(−0.5) + 0.25 + 0.5·h1 + 0) = σ(0.75 + 0.5·h1) = 0.7440090997411316
        //   n  = tanh(2·(−0.5) − 0.5 + r·(−1·h1 + 0.25)) = tanh(−1.5 + r·(0.25 − h1)) = −0.9437843301664529
        //   h2 = (1 − z)·n + z·h1                 = 0.22996968229570822
        //   ŷ2 = 2·h2 − 0.5                       = −0.04006063540858357
        double r2 = Sigmoid(0.25 + h1), z2 = Sigmoid(0.75 + 0.5 * h1), n2 = Math.Tanh(-1.5 + r2 * (0.25 - h1));
        double h2 = (1 - z2) * n2 + z2 * h1;
        Assert.Equal(0.7076137589762429, r2, 1e-15);
        Assert.Equal(0.7440090997411316, z2, 1e-15);
        Assert.Equal(-0.9437843301664529, n2, 1e-15);
        Assert.Equal(0.22996968229570822, h2, 1e-15);
        // (PyTorch's float64 nn.GRU with these weights gives h = [0.6338227352183035, 0.22996968229570813].)

        double[][] y = HandGru().ForwardDense([[1f], [-0.5f]]);
        Assert.Equal(2, y.Length);
        Assert.Single(y[0]);
        Assert.Equal(0.7676454704366069, y[0][0], 1e-14);
        Assert.Equal(-0.04006063540858357, y[1][0], 1e-14);
    }

    // LSTM, rows in PyTorch's order i, f, g, o:
    //   W_ii = 1,   W_if = −0.5, W_ig = 2,  W_io = 0.25     b_ii = 0,    b_if = 1, b_ig = 0,     b_io = −0.5
    //   W_hi = 0.5, W_hf = 1,    W_hg = −1, W_ho = 2        b_hi = 0.25, b_hf = 0, b_hg = −0.25, b_ho = 0
    private static ReferenceStack HandLstm() => new("lstm", inputSize: 1, hiddenSize: 1, layers: 1, bidirectional: false,
        "tanh", "linear", OneUnit([1f, -0.5f, 2f, 0.25f], [0.5f, 1f, -1f, 2f], [0f, 1f, 0f, -0.5f], [0.25f, 0f, -0.25f, 0f]));

    [Fact]
    public void Lstm_two_steps_by_hand()
    {
        // Step 1, x = 1, h = c = 0:
        //   i  = σ(1·1 + 0 + 0.5·0 + 0.25)     = σ(1.25)  = 0.7772998611746911
        //   f  = σ(−0.5·1 + 1 + 1·0 + 0)       = σ(0.5)   = 0.6224593312018546
        //   g  = tanh(2·1 + 0 − 1·0 − 0.25)    = tanh(1.75) = 0.9413755384972874
        //   o  = σ(0.25·1 − 0.5 + 2·0 + 0)     = σ(−0.25) = 0.43782349911420193
        //   c1 = f·0 + i·g                      = 0.7317310753871915
        //   h1 = o·tanh(c1)                     = 0.2732558301617368
        //   ŷ1 = 2·h1 − 0.5                     = 0.04651166032347365
        double i1 = Sigmoid(1.25), f1 = Sigmoid(0.5), g1 = Math.Tanh(1.75), o1 = Sigmoid(-0.25);
        double c1 = f1 * 0 + i1 * g1, h1 = o1 * Math.Tanh(c1);
        Assert.Equal(0.7772998611746911, i1, 1e-15);
        Assert.Equal(0.6224593312018546, f1, 1e-15);
        Assert.Equal(0.9413755384972874, g1, 1e-15);
        Assert.Equal(0.43782349911420193, o1, 1e-15);
        Assert.Equal(0.7317310753871915, c1, 1e-15);
        Assert.Equal(0.2732558301617368, h1, 1e-15);
        // Step 2, x = 0.5:
        //   i  = σ(1·0.5 + 0 + 0.5·h1 + 0.25)    = σ(0.75 + 0.5·h1)   = 0.7081938027533091
        //   f  = σ(−0.5·0.5 + 1 + 1·h1 + 0)      = σ(0.75 + h1)       = 0.7356063103450344
        //   g  = tanh(2·0.5 + 0 − 1·h1 − 0.25)   = tanh(0.75 − h1)    = 0.44363233981498534
        //   o  = σ(0.25·0.5 − 0.5 + 2·h1 + 0)    = σ(−0.375 + 2·h1)   = 0.5427731143999168
        //   c2 = f·c1 + i·g                       = 0.8524436702882989
        //   h2 = o·tanh(c2)                       = 0.37578567902770216
        //   ŷ2 = 2·h2 − 0.5                       = 0.2515713580554043
        double i2 = Sigmoid(0.75 + 0.5 * h1), f2 = Sigmoid(0.75 + h1), g2 = Math.Tanh(0.75 - h1), o2 = Sigmoid(-0.375 + 2 * h1);
        double c2 = f2 * c1 + i2 * g2, h2 = o2 * Math.Tanh(c2);
        Assert.Equal(0.7081938027533091, i2, 1e-15);
        Assert.Equal(0.7356063103450344, f2, 1e-15);
        Assert.Equal(0.44363233981498534, g2, 1e-15);
        Assert.Equal(0.5427731143999168, o2, 1e-15);
        Assert.Equal(0.8524436702882989, c2, 1e-15);
        Assert.Equal(0.37578567902770216, h2, 1e-15);
        // (PyTorch's float64 nn.LSTM with these weights gives h = [0.27325583016173677, 0.37578567902770227].)

        double[][] y = HandLstm().ForwardDense([[1f], [0.5f]]);
        Assert.Equal(2, y.Length);
        Assert.Equal(0.04651166032347365, y[0][0], 1e-14);
        Assert.Equal(0.2515713580554043, y[1][0], 1e-14);
    }

    // ---- The constructor's checks.

    [Fact]
    public void A_tensor_of_the_wrong_size_is_named_with_both_sizes()
    {
        Dictionary<string, float[]> tensors = OneUnit([1f, 2f, 3f], [1f, 2f], [0f, 0f, 0f], [0f, 0f, 0f]);
        var e = Assert.Throws<ArgumentException>(() => new ReferenceStack("gru", 1, 1, 1, false, "tanh", "linear", tensors));
        Assert.Contains("'rnn.weight_hh_l0'", e.Message);
        Assert.Contains("has 2 values", e.Message);
        Assert.Contains("expected [3, 1] = 3", e.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named_with_its_shape()
    {
        Dictionary<string, float[]> tensors = OneUnit([1f, 2f, 3f, 4f], [1f, 2f, 3f, 4f], [0f, 0f, 0f, 0f], [0f, 0f, 0f, 0f]);
        tensors.Remove("rnn.bias_hh_l0");
        var e = Assert.Throws<ArgumentException>(() => new ReferenceStack("lstm", 1, 1, 1, false, "tanh", "linear", tensors));
        Assert.Contains("'rnn.bias_hh_l0' is missing", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Fact]
    public void An_unknown_tensor_is_rejected()
    {
        Dictionary<string, float[]> tensors = OneUnit([1f], [1f], [0f], [0f]);
        tensors["rnn.weight_ih_l0_reverse"] = [1f];
        var e = Assert.Throws<ArgumentException>(() => new ReferenceStack("rnn", 1, 1, 1, false, "tanh", "linear", tensors));
        Assert.Contains("Unknown tensor 'rnn.weight_ih_l0_reverse'", e.Message);
    }

    [Fact]
    public void Unknown_cells_and_nonlinearities_are_rejected()
    {
        Dictionary<string, float[]> tensors = OneUnit([1f], [1f], [0f], [0f]);
        Assert.Contains("'elman'", Assert.Throws<ArgumentException>(() => new ReferenceStack("elman", 1, 1, 1, false, "tanh", "linear", tensors)).Message);
        Assert.Contains("'softplus'", Assert.Throws<ArgumentException>(() => new ReferenceStack("rnn", 1, 1, 1, false, "softplus", "linear", tensors)).Message);
        Assert.Equal(1, new ReferenceStack("rnn", 1, 1, 1, false, "relu", "linear", tensors).OutputSize);
    }

    // ---- PyTorch's fixtures.

    public static IEnumerable<object[]> FixtureNames() =>
        Directory.GetFiles(CellsDirectory, "*.json").Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetFileNameWithoutExtension(path) });

    [Fact]
    public void The_fixtures_cover_every_cell_depth_direction_and_encoding()
    {
        string[] names = FixtureNames().Select(n => (string)n[0]).ToArray();
        string[] expected =
            (from cell in new[] { "rnn", "gru", "lstm" }
             from layers in new[] { "l1", "l2" }
             from direction in new[] { "uni", "bi" }
             from encoding in new[] { "onehot", "dense" }
             select $"{cell}-{layers}-{direction}-{encoding}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, names);
        foreach (string name in names)
        {
            Assert.True(File.Exists(Path.Combine(CellsDirectory, name + ".safetensors")), name + ".safetensors is missing");
        }
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void The_reference_gives_PyTorchs_outputs(string name)
    {
        JsonElement root = JsonDocument.Parse(File.ReadAllText(Path.Combine(CellsDirectory, name + ".json"))).RootElement;
        SafeTensorsFile weights = SafeTensorsFile.Read(Path.Combine(CellsDirectory, name + ".safetensors"));
        bool oneHot = root.GetProperty("encoding").GetString() == "one-hot";
        int y = root.GetProperty("y").GetInt32();
        var stack = new ReferenceStack(
            root.GetProperty("cell").GetString()!,
            root.GetProperty("x").GetInt32(),
            root.GetProperty("a").GetInt32(),
            root.GetProperty("layers").GetInt32(),
            root.GetProperty("bidirectional").GetBoolean(),
            root.GetProperty("hiddenActivation").GetString()!,
            root.GetProperty("outputActivation").GetString()!,
            weights.Tensors.ToDictionary(t => t.Name, t => t.Data, StringComparer.Ordinal));
        Assert.Equal(y, stack.OutputSize);
        Assert.Equal(oneHot ? root.GetProperty("embedding").GetInt32() : 0, stack.EmbeddingSize);

        int cases = 0;
        foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
        {
            JsonElement inputs = c.GetProperty("inputs");
            double[][] got = oneHot
                ? stack.ForwardOneHot(inputs.EnumerateArray().Select(v => v.GetInt32()).ToArray())
                : stack.ForwardDense(inputs.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray());
            double[][] outputs = Rows(c.GetProperty("outputs"));
            double[][] outputs64 = Rows(c.GetProperty("outputs64"));
            Assert.Equal(outputs.Length, got.Length);
            Assert.Equal(outputs64.Length, got.Length);

            double max64 = 0, max32 = 0, torch32 = 0;
            for (int t = 0; t < got.Length; t++)
            {
                Assert.Equal(y, got[t].Length);
                for (int k = 0; k < y; k++)
                {
                    double d64 = Math.Abs(got[t][k] - outputs64[t][k]);
                    double d32 = Math.Abs(got[t][k] - outputs[t][k]);
                    Assert.True(d64 <= Float64Tolerance, $"{name} T={got.Length} t={t} k={k}: reference {got[t][k]:R}, PyTorch float64 {outputs64[t][k]:R}");
                    Assert.True(d32 <= Float32Tolerance, $"{name} T={got.Length} t={t} k={k}: reference {got[t][k]:R}, PyTorch float32 {outputs[t][k]:R}");
                    max64 = Math.Max(max64, d64);
                    max32 = Math.Max(max32, d32);
                    torch32 = Math.Max(torch32, Math.Abs(outputs[t][k] - outputs64[t][k]));
                }
            }
            output.WriteLine($"{name} T={got.Length}: |ref − torch64| ≤ {max64:E2}, |ref − torch32| ≤ {max32:E2}, |torch32 − torch64| ≤ {torch32:E2}");
            cases++;
        }
        Assert.Equal(3, cases);
    }

    private static double[][] Rows(JsonElement rows) =>
        rows.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}
