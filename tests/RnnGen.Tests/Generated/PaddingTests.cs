using System;
using System.Linq;
using System.Reflection;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The padding lanes of the hidden state stay exactly zero after every activation: a unit that
/// overflows to infinity must not turn the padding into NaN (0 · ∞) and every output with it.
/// </summary>
public sealed class PaddingTests
{
    private static readonly int[] Sizes = { 1, 129, 1000 };

    private static readonly int[] Widths = { 512, 256, 128, 0 };

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        TestSpec[] specs = Sizes.Select(Spec).ToArray();
        GeneratorOutput output = GeneratorHarness.Run(specs.Select(s => (s.FileName, s.Json())), specs.Select(s => s.ProbeSource()), "PaddingModels");
        Assert.Empty(output.Diagnostics);
        return GeneratorHarness.CompileAndLoad(output);
    });

    private static TestSpec Spec(int a) => new("Overflow" + a, a, "relu", true, 3, 2, "sigmoid");

    /// <summary>
    /// Every weight of Waa is 1e10 and of Wax 1e30: step 1 gives 1e30 in every unit, step 2 overflows
    /// every unit to +∞, and ∞ stays (∞ · 1e10 + … = ∞, never 0 · ∞ in a real lane). Output 0 weighs every
    /// unit by +1, output 1 by −1: sigmoid gives 1 and 0, as PyTorch's float32 RNN does.
    /// </summary>
    private static (float[] Waa, float[] Wax, float[] Ba, float[] Wya, float[] By) Weights(int a)
    {
        float[] waa = Enumerable.Repeat(1e10f, a * a).ToArray();
        float[] wax = Enumerable.Repeat(1e30f, a * 3).ToArray();
        float[] ba = new float[a];
        float[] wya = Enumerable.Repeat(1f, a).Concat(Enumerable.Repeat(-1f, a)).ToArray();
        float[] by = { 0.5f, 0.5f };
        return (waa, wax, ba, wya, by);
    }

    /// <summary>The same network as plain float loops over the real units only: what PyTorch computes in float32.</summary>
    private static float[] Reference(int a, int[] tokens)
    {
        var (waa, wax, ba, wya, by) = Weights(a);
        var h = new float[a];
        var outputs = new float[tokens.Length * 2];
        for (int t = 0; t < tokens.Length; t++)
        {
            var next = new float[a];
            for (int i = 0; i < a; i++)
            {
                float sum = wax[i * 3 + tokens[t]] + ba[i];
                for (int j = 0; j < a; j++) sum += waa[i * a + j] * h[j];
                next[i] = MathF.Max(sum, 0f);
            }
            h = next;
            for (int k = 0; k < 2; k++)
            {
                float z = by[k];
                for (int j = 0; j < a; j++) z += wya[k * a + j] * h[j];
                outputs[t * 2 + k] = 1f / (1f + MathF.Exp(-z));
            }
        }
        return outputs;
    }

    [Fact]
    public void An_overflowing_relu_unit_gives_finite_outputs_at_every_size_and_width()
    {
        int[] tokens = { 0, 1, 2, 0, 1 };
        foreach (int a in Sizes)
        {
            float[] expected = Reference(a, tokens);
            Assert.All(expected, v => Assert.True(float.IsFinite(v), "the reference is finite"));
            Assert.Equal(new[] { 1f, 0f }, expected.Skip(2).Take(2)); // from step 2 on, sigmoid(±∞)

            var (waa, wax, ba, wya, by) = Weights(a);
            Type probe = s_assembly.Value.GetType("Probe_" + Spec(a).Name, throwOnError: true)!;
            foreach (int width in Widths)
            {
                var outputs = (float[])probe.GetMethod("Run")!.Invoke(null, new object[] { width, waa, wax, ba, wya, by, tokens })!;
                for (int i = 0; i < outputs.Length; i++)
                {
                    Assert.True(Math.Abs(outputs[i] - expected[i]) <= 1e-6,
                        $"a = {a}, width {width}: output {i} is {outputs[i]}, PyTorch's float32 gives {expected[i]}");
                }
            }
        }
    }
}
