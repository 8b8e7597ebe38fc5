using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RnnGen.Reference;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The differential property test: random specs go through the generator in memory, the emitted
/// code is compiled (warnings as errors) and run on random weights and sequences through every
/// SIMD width, and each output is compared with the MathNet reference of the textbook equations.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-5;
    private static readonly string[] HiddenActivations = { "tanh", "relu", "sigmoid" };
    private static readonly string[] OutputActivations = { "sigmoid", "softmax", "tanh", "linear" };
    private static readonly int[] Widths = { 512, 256, 128, 0 };

    /// <summary>
    /// Every activation pair with both encodings at random sizes, plus the edges of the kernel
    /// plans: a = 1, a multiple of 16, one past it, sizes that need several register chunks or a
    /// loop over them, and the largest one-hot input.
    /// </summary>
    internal static IReadOnlyList<TestSpec> Specs()
    {
        var random = new DeterministicRandom(20261130);
        var specs = new List<TestSpec>();
        int n = 0;
        foreach (string ga in HiddenActivations)
        {
            foreach (string gy in OutputActivations)
            {
                specs.Add(new TestSpec($"OneHot{n}", 1 + random.NextInt(300), ga, true, 1 + random.NextInt(20_000), 1 + random.NextInt(20), gy));
                specs.Add(new TestSpec($"Dense{n}", 1 + random.NextInt(300), ga, false, 1 + random.NextInt(64), 1 + random.NextInt(20), gy));
                n++;
            }
        }
        specs.Add(new TestSpec("EdgeA1", 1, "tanh", true, 7, 1, "sigmoid"));
        specs.Add(new TestSpec("EdgeA16", 16, "relu", false, 3, 16, "linear"));
        specs.Add(new TestSpec("EdgeA17", 17, "tanh", true, 50, 17, "softmax"));
        specs.Add(new TestSpec("EdgeA300", 300, "tanh", true, 20_000, 5, "sigmoid"));
        specs.Add(new TestSpec("EdgeA100", 100, "tanh", true, 10_000, 1, "sigmoid"));
        // Wide enough that the 256- and 128-bit kernels loop over register chunks and the dot products loop.
        specs.Add(new TestSpec("EdgeA1100", 1100, "tanh", true, 50, 3, "softmax"));
        specs.Add(new TestSpec("EdgeA1000Dense", 1000, "relu", false, 8, 40, "sigmoid"));
        return specs;
    }

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        IReadOnlyList<TestSpec> specs = Specs();
        GeneratorOutput output = GeneratorHarness.Run(
            specs.Select(s => (s.FileName, s.Json())),
            specs.Select(s => s.ProbeSource()),
            "DifferentialModels");
        Assert.Empty(output.Diagnostics.Where(d => d.Id.StartsWith("RNN", StringComparison.Ordinal) && d.Id != "RNN0022"));
        return GeneratorHarness.CompileAndLoad(output);
    });

    internal static ulong StableSeed(string text)
    {
        ulong hash = 14695981039346656037; // FNV-1a
        foreach (char c in text) hash = (hash ^ c) * 1099511628211;
        return hash;
    }

    [Fact]
    public void Every_random_spec_matches_the_reference_at_every_vector_width()
    {
        var failures = new List<string>();
        double worst = 0;
        foreach (TestSpec spec in Specs())
        {
            // A seed that is the same in every run (string.GetHashCode is randomised per process).
            var random = new DeterministicRandom(StableSeed(spec.Name));
            IReadOnlyList<Tensor> weights = RandomWeights.Create(spec.A, spec.X, spec.Y, (ulong)(spec.A * 31 + spec.X));
            float[] W(string name) => weights.Single(t => t.Name == name).Data;
            var reference = new ReferenceRnn(W("Waa"), W("Wax"), W("ba"), W("Wya"), W("by"), spec.HiddenActivation, spec.OutputActivation);

            int steps = 1 + random.NextInt(12);
            object input;
            double[][] expected, stacked;
            if (spec.OneHot)
            {
                int[] tokens = Enumerable.Range(0, steps).Select(_ => random.NextInt(spec.X)).ToArray();
                input = tokens;
                expected = reference.ForwardOneHot(tokens);
                stacked = reference.ForwardOneHotStacked(tokens);
            }
            else
            {
                float[][] xs = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, spec.X).Select(_ => random.Uniform(-1, 1)).ToArray()).ToArray();
                input = xs.SelectMany(x => x).ToArray();
                expected = reference.ForwardDense(xs);
                stacked = reference.ForwardDenseStacked(xs);
            }

            // The two notations of the textbook compute the same numbers.
            for (int t = 0; t < steps; t++)
            {
                for (int k = 0; k < spec.Y; k++)
                {
                    Assert.True(Math.Abs(expected[t][k] - stacked[t][k]) <= 1e-9, $"{spec.Name}: stacked and unstacked differ at t={t}, k={k}");
                }
            }

            Type probe = s_assembly.Value.GetType("Probe_" + spec.Name, throwOnError: true)!;
            object[] weightArgs = { W("Waa"), W("Wax"), W("ba"), W("Wya"), W("by") };
            var runs = Widths.Select(width => ((int Width, float[] Outputs))(width, (float[])probe.GetMethod("Run")!.Invoke(null, new object[] { width }.Concat(weightArgs).Append(input).ToArray())!)).ToList();
            runs.Add((-1, (float[])probe.GetMethod("Forward")!.Invoke(null, weightArgs.Append(input).ToArray())!));

            foreach ((int width, float[] outputs) in runs)
            {
                for (int t = 0; t < steps; t++)
                {
                    for (int k = 0; k < spec.Y; k++)
                    {
                        double diff = Math.Abs(outputs[t * spec.Y + k] - expected[t][k]);
                        worst = Math.Max(worst, diff);
                        if (!(diff <= Tolerance))
                        {
                            string inputs = input is int[] ids ? "tokens [" + string.Join(", ", ids) + "]" : $"{steps} dense steps";
                            failures.Add($"{spec} width {width}, {inputs}: t={t} k={k} got {outputs[t * spec.Y + k]} expected {expected[t][k]} (diff {diff:E2})");
                        }
                    }
                }
            }
        }
        log.WriteLine($"{Specs().Count} specs × {Widths.Length + 1} paths; largest difference from the reference: {worst:E2}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
