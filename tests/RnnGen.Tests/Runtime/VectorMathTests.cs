using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// VectorMath against System.Math in double precision, for every register width (the 512-bit forms fall
/// back to software where AVX-512 is missing, so they are tested everywhere).
/// </summary>
public sealed class VectorMathTests
{
    private const double Tolerance = 2e-7;

    /// <summary>−100 … 100 in steps of 1/64, the saturation region, and tiny, subnormal and signed-zero values.</summary>
    private static readonly float[] Grid = BuildGrid();

    private static float[] BuildGrid()
    {
        var values = new List<float>();
        for (int i = -6400; i <= 6400; i++) values.Add(i / 64f);
        float[] special =
        [
            0f, -0f, float.Epsilon, 1e-38f, 1e-30f, 1e-20f, 1e-10f, 1e-7f, 1e-5f, 1e-3f, 0.1f, 0.5f, 0.9999f,
            8.9f, 9.01f, 15f, 20f, 44f, 45f, 87f, 88.7f, 89f, 100f, 1e3f, 1e10f, float.MaxValue,
        ];
        foreach (float s in special) { values.Add(s); values.Add(-s); }
        while (values.Count % 16 != 0) values.Add(0.25f); // whole Vector512 registers
        return [.. values];
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    public static TheoryData<int> Widths() => new() { 128, 256, 512 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh_matches_Math_Tanh(int width) =>
        AssertClose(Apply(width, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh), Math.Tanh);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sigmoid_matches_the_definition(int width) =>
        AssertClose(Apply(width, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid), Sigmoid);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Relu_is_exact(int width) =>
        AssertClose(Apply(width, VectorMath.Relu, VectorMath.Relu, VectorMath.Relu), x => Math.Max(x, 0.0), 0.0);

    [Fact]
    public void Scalar_forms_match()
    {
        AssertClose([.. Grid.Select(VectorMath.Tanh)], Math.Tanh);
        AssertClose([.. Grid.Select(VectorMath.Sigmoid)], Sigmoid);
    }

    [Fact]
    public void Saturation_is_exact_and_never_NaN()
    {
        Assert.Equal(1f, VectorMath.Tanh(100f));
        Assert.Equal(-1f, VectorMath.Tanh(-100f));
        Assert.Equal(1f, VectorMath.Tanh(float.MaxValue));
        Assert.Equal(0f, VectorMath.Tanh(0f));
        Assert.Equal(1f, VectorMath.Sigmoid(100f));
        Assert.Equal(0f, VectorMath.Sigmoid(-100f), 1e-30f);
        Assert.Equal(0.5f, VectorMath.Sigmoid(0f));
        Assert.All(Grid, x => Assert.False(float.IsNaN(VectorMath.Tanh(x)) || float.IsNaN(VectorMath.Sigmoid(x))));
    }

    [Fact]
    public void Softmax_sums_to_one_without_overflow()
    {
        float[] values = [1000f, 999f, -1000f, 0f];
        VectorMath.Softmax(values);
        double[] z = [1000, 999, -1000, 0];
        double[] e = [.. z.Select(v => Math.Exp(v - 1000))];
        for (int i = 0; i < values.Length; i++) Assert.Equal(e[i] / e.Sum(), values[i], Tolerance);
        Assert.Equal(1.0, values.Sum(v => (double)v), 1e-6);
        VectorMath.Softmax(Span<float>.Empty);
    }

    private static float[] Apply(
        int width,
        Func<Vector128<float>, Vector128<float>> f128,
        Func<Vector256<float>, Vector256<float>> f256,
        Func<Vector512<float>, Vector512<float>> f512)
    {
        var result = new float[Grid.Length];
        int lanes = width / 32;
        for (int i = 0; i < Grid.Length; i += lanes)
        {
            ReadOnlySpan<float> source = Grid.AsSpan(i, lanes);
            Span<float> destination = result.AsSpan(i, lanes);
            switch (width)
            {
                case 128: f128(Vector128.Create(source)).CopyTo(destination); break;
                case 256: f256(Vector256.Create(source)).CopyTo(destination); break;
                default: f512(Vector512.Create(source)).CopyTo(destination); break;
            }
        }
        return result;
    }

    private static void AssertClose(float[] actual, Func<double, double> exact, double tolerance = Tolerance)
    {
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < Grid.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"NaN at x = {Grid[i]}");
            double error = Math.Abs(actual[i] - exact(Grid[i]));
            if (error > worst) { worst = error; worstAt = Grid[i]; }
        }
        Assert.True(worst <= tolerance, $"max abs error {worst:R} at x = {worstAt:R} exceeds {tolerance:R}");
    }

    [Theory]
    [InlineData(1e-7f)]
    [InlineData(-3e-5f)]
    [InlineData(2e-4f)]
    [InlineData(1e-30f)]
    public void Tanh_keeps_relative_precision_for_small_inputs(float x)
    {
        double expected = Math.Tanh(x);
        double relative = Math.Abs((VectorMath.Tanh(x) - expected) / expected);
        Assert.True(relative < 1e-6, $"tanh({x}) = {VectorMath.Tanh(x)}, expected {expected}, relative error {relative}");
    }

    [Fact]
    public void Exp_is_within_a_few_ulp_over_its_whole_range_at_every_width()
    {
        double worst = 0;
        for (double v = -87; v <= 88.7; v += 0.0137)
        {
            float x = (float)v;
            double expected = Math.Exp(x);
            foreach (float got in new[]
            {
                VectorMath.Exp(System.Runtime.Intrinsics.Vector512.Create(x)).ToScalar(),
                VectorMath.Exp(System.Runtime.Intrinsics.Vector256.Create(x)).ToScalar(),
                VectorMath.Exp(System.Runtime.Intrinsics.Vector128.Create(x)).ToScalar(),
            })
            {
                worst = Math.Max(worst, Math.Abs(got - expected) / expected);
            }
        }
        Assert.True(worst < 4e-7, $"largest relative error {worst:E2}");
    }

    [Theory]
    [InlineData(-200f, 0f)]
    [InlineData(-104.5f, 0f)]
    [InlineData(0f, 1f)]
    [InlineData(89f, float.PositiveInfinity)]
    [InlineData(1000f, float.PositiveInfinity)]
    public void Exp_saturates_to_zero_and_infinity(float x, float expected) =>
        Assert.Equal(expected, VectorMath.Exp(System.Runtime.Intrinsics.Vector512.Create(x)).ToScalar());

    [Theory]
    [InlineData(-20f)]
    [InlineData(-50f)]
    [InlineData(-80f)]
    public void Sigmoid_keeps_relative_precision_of_tiny_probabilities(float x)
    {
        double expected = 1 / (1 + Math.Exp(-(double)x));
        double relative = Math.Abs((VectorMath.Sigmoid(x) - expected) / expected);
        Assert.True(relative < 1e-6, $"sigmoid({x}) = {VectorMath.Sigmoid(x)}, expected {expected}");
    }

    [Fact]
    public void Softmax_matches_the_formula_for_every_length_across_vector_blocks_and_tails()
    {
        var random = new DeterministicRandom(77);
        for (int n = 1; n <= 40; n++)
        {
            float[] values = Enumerable.Range(0, n).Select(_ => random.Uniform(-30, 30)).ToArray();
            double max = values.Max();
            double sum = values.Sum(v => Math.Exp(v - max));
            float[] got = (float[])values.Clone();
            VectorMath.Softmax(got);
            for (int k = 0; k < n; k++)
            {
                double expected = Math.Exp(values[k] - max) / sum;
                Assert.True(Math.Abs(got[k] - expected) <= 1e-6 + 1e-5 * expected, $"n={n}, k={k}: {got[k]} vs {expected}");
            }
        }
    }
}
