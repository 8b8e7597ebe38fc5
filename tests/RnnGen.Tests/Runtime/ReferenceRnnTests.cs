using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Reference;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>Checks the oracle itself: by hand, against its own stacked form, and for softmax's defining property.</summary>
public sealed class ReferenceRnnTests
{
    // a = 2, x = 3, y = 1; every weight a dyadic fraction, so float → double conversion is exact.
    private static ReferenceRnn HandModel() => new(
        waa: [0.5f, -0.5f, 0.25f, 1f],          // [[0.5, -0.5], [0.25, 1]]
        wax: [1f, 2f, 3f, -1f, 0f, 0.5f],       // [[1, 2, 3], [-1, 0, 0.5]]
        ba: [0.125f, -0.25f],
        wya: [1f, -2f],                          // [[1, -2]]
        by: [0.5f],
        hiddenActivation: "tanh",
        outputActivation: "sigmoid");

    [Fact]
    public void One_step_by_hand()
    {
        // x<1> = one-hot(2) = [0, 0, 1]; a<0> = 0, so Waa·a<0> = 0.
        // Wax·x<1> = third column = [3, 0.5]; + ba = [3.125, 0.25]
        // a<1> = [tanh 3.125, tanh 0.25] = [0.996146530673345, 0.24491866240370913]
        // Wya·a<1> + by = 0.996146530673345 − 2·0.24491866240370913 + 0.5 = 1.0063092058659269
        // ŷ<1> = 1 / (1 + e^−1.0063092058659269) = 0.7322972339767089
        double a1 = Math.Tanh(3.125), a2 = Math.Tanh(0.25);
        Assert.Equal(0.996146530673345, a1, 1e-15);
        Assert.Equal(0.24491866240370913, a2, 1e-15);
        double expected = 1.0 / (1.0 + Math.Exp(-(a1 - 2 * a2 + 0.5)));
        Assert.Equal(0.7322972339767089, expected, 1e-15);

        double[][] y = HandModel().ForwardOneHot([2]);
        Assert.Single(y);
        Assert.Single(y[0]);
        Assert.Equal(0.7322972339767089, y[0][0], 1e-15);
    }

    [Fact]
    public void Second_step_uses_Waa_by_hand()
    {
        double a1 = Math.Tanh(3.125), a2 = Math.Tanh(0.25);
        // x<2> = one-hot(0): Wax·x<2> = first column = [1, −1]
        // z<2> = Waa·a<1> + [1, −1] + ba = [0.5·a1 − 0.5·a2 + 1.125, 0.25·a1 + a2 − 1.25]
        double b1 = Math.Tanh(0.5 * a1 - 0.5 * a2 + 1.125), b2 = Math.Tanh(0.25 * a1 + a2 - 1.25);
        double expected = 1.0 / (1.0 + Math.Exp(-(b1 - 2 * b2 + 0.5)));
        Assert.Equal(0.9360005597624089, expected, 1e-15);

        double[][] y = HandModel().ForwardOneHot([2, 0]);
        Assert.Equal(0.7322972339767089, y[0][0], 1e-15);
        Assert.Equal(0.9360005597624089, y[1][0], 1e-15);
    }

    public static IEnumerable<object[]> Activations() =>
        from ga in new[] { "tanh", "relu", "sigmoid" }
        from gy in new[] { "sigmoid", "softmax", "tanh", "linear" }
        select new object[] { ga, gy };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Stacked_form_equals_two_matrix_form(string ga, string gy)
    {
        const int a = 6, x = 9, y = 4;
        ReferenceRnn rnn = ReferenceRnn.FromTensors(RandomWeights.Create(a, x, y, seed: 11), ga, gy);
        var random = new DeterministicRandom(12);
        int[] tokens = [.. Enumerable.Range(0, 20).Select(_ => random.NextInt(x))];
        float[][] dense = [.. Enumerable.Range(0, 20).Select(_ => Enumerable.Range(0, x).Select(_ => random.Uniform(-2f, 2f)).ToArray())];

        AssertClose(rnn.ForwardOneHot(tokens), rnn.ForwardOneHotStacked(tokens), 1e-12);
        AssertClose(rnn.ForwardDense(dense), rnn.ForwardDenseStacked(dense), 1e-12);
    }

    [Fact]
    public void Dense_one_hot_input_equals_token_input()
    {
        const int x = 5;
        ReferenceRnn rnn = ReferenceRnn.FromTensors(RandomWeights.Create(3, x, 2, seed: 3), "tanh", "softmax");
        int[] tokens = [4, 0, 2, 2, 1];
        float[][] dense = [.. tokens.Select(t => Enumerable.Range(0, x).Select(i => i == t ? 1f : 0f).ToArray())];
        AssertClose(rnn.ForwardOneHot(tokens), rnn.ForwardDense(dense), 0);
    }

    [Fact]
    public void Softmax_outputs_sum_to_one()
    {
        ReferenceRnn rnn = ReferenceRnn.FromTensors(RandomWeights.Create(8, 20, 5, seed: 21), "relu", "softmax");
        double[][] outputs = rnn.ForwardOneHot([.. Enumerable.Range(0, 20)]);
        Assert.Equal(20, outputs.Length);
        Assert.All(outputs, o =>
        {
            Assert.Equal(5, o.Length);
            Assert.Equal(1.0, o.Sum(), 1e-12);
            Assert.All(o, p => Assert.InRange(p, 0.0, 1.0));
        });
    }

    [Fact]
    public void Sizes_and_bad_input_are_checked()
    {
        ReferenceRnn rnn = HandModel();
        Assert.Equal((2, 3, 1), (rnn.HiddenSize, rnn.InputSize, rnn.OutputSize));
        Assert.Throws<ArgumentOutOfRangeException>(() => rnn.ForwardOneHot([3]));
        Assert.Throws<ArgumentException>(() => rnn.ForwardDense([new float[2]]));
        Assert.Empty(rnn.ForwardOneHot([]));
        Assert.Throws<ArgumentException>(() => new ReferenceRnn([1f], [1f], [0f], [1f], [0f], "gelu", "linear"));
    }

    private static void AssertClose(double[][] expected, double[][] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t].Length, actual[t].Length);
            for (int i = 0; i < expected[t].Length; i++) Assert.Equal(expected[t][i], actual[t][i], tolerance);
        }
    }
}
