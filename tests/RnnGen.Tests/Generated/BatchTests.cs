using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Generated;

/// <summary>
/// ForwardBatch against separate Forward calls, for every spec of the two differential tests (the textbook
/// Elman cell with each activation pair, and the random GRU, LSTM and stacked Elman cells, uni- and
/// bidirectional, one-hot with and without an embedding, dense): a batch of 70 sequences (more than one
/// group of 64) of lengths 0 to 25, at every vector width.
/// </summary>
/// <remarks>
/// The comparison with Forward is within 1e-6, not bit for bit: the one-sequence kernels sum a matrix-vector
/// product in two register sets (even and odd columns) and a dot product in two, the batch kernels in one,
/// so the float rounding differs. Among themselves the batch kernels are exact: each result element is the same
/// sequence of float operations whatever the vector width or the other sequences of the batch, which two more
/// tests check bit for bit.
/// </remarks>
public sealed class BatchTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-6;
    private static readonly int[] Widths = { 512, 256, 128, 0 };

    /// <summary>A spec of either differential test, as the batch probes need it.</summary>
    internal sealed record BatchSpec(string Name, bool OneHot, int X, int Y, string Json, Func<float[][]> Weights);

    internal static IReadOnlyList<BatchSpec> Specs()
    {
        var specs = new List<BatchSpec>();
        foreach (TestSpec s in DifferentialTests.Specs())
        {
            specs.Add(new BatchSpec(s.Name, s.OneHot, s.X, s.Y, s.Json(), () =>
            {
                IReadOnlyList<Tensor> w = RandomWeights.Create(s.A, s.X, s.Y, (ulong)(s.A * 7 + s.X));
                return new[] { "Waa", "Wax", "ba", "Wya", "by" }.Select(n => w.Single(t => t.Name == n).Data).ToArray();
            }));
        }
        foreach (CellDifferentialTests.CellSpec s in CellDifferentialTests.Specs())
        {
            specs.Add(new BatchSpec(s.Name, s.OneHot, s.X, s.Y, s.Json(),
                () => RandomWeights.Create(s.Tensors(), s.A, (ulong)(s.A * 131 + s.X)).Select(t => t.Data).ToArray()));
        }
        return specs;
    }

    private static int TensorCount(BatchSpec s) => s.Weights().Length;

    private static readonly Lazy<(Assembly Assembly, IReadOnlyList<BatchSpec> Specs)> s_models = new(() =>
    {
        IReadOnlyList<BatchSpec> specs = Specs();
        IEnumerable<string> probes = specs.Select(s =>
        {
            string type = "global::RnnGen.TestModels." + s.Name;
            string args = string.Join(", ", Enumerable.Range(0, TensorCount(s)).Select(i => $"w[{i}]"));
            return Probes.Batch(s.Name, type, s.OneHot, "float[][] w", $"new {type}({args})");
        });
        GeneratorOutput output = GeneratorHarness.Run(specs.Select(s => (s.Name.ToLowerInvariant() + ".rnn.json", s.Json)), probes, "BatchModels");
        Assert.Empty(output.Diagnostics.Where(d => d.Id.StartsWith("RNN", StringComparison.Ordinal) && d.Id != "RNN0022"));
        return (GeneratorHarness.CompileAndLoad(output), specs);
    });

    /// <summary>70 lengths from 0 to 25 (a 0, a 1 and a 25 among them) and packed inputs for them.</summary>
    private static (object Packed, int[] Lengths) Batch(BatchSpec spec, int sequences = 70)
    {
        var random = new DeterministicRandom(DifferentialTests.StableSeed("batch " + spec.Name));
        int[] lengths = Enumerable.Range(0, sequences).Select(_ => random.NextInt(13)).ToArray();
        lengths[3] = 0;
        lengths[10] = 1;
        lengths[sequences - 2] = 25;
        int steps = lengths.Sum();
        object packed = spec.OneHot
            ? Enumerable.Range(0, steps).Select(_ => random.NextInt(spec.X)).ToArray()
            : Enumerable.Range(0, steps * spec.X).Select(_ => random.Uniform(-1, 1)).ToArray();
        return (packed, lengths);
    }

    private static MethodInfo Probe(string name, string method) =>
        s_models.Value.Assembly.GetType("BatchProbe_" + name, throwOnError: true)!.GetMethod(method)!;

    [Fact]
    public void ForwardBatch_matches_a_Forward_per_sequence_for_every_cell_at_every_width()
    {
        var failures = new List<string>();
        double worst = 0;
        foreach (BatchSpec spec in s_models.Value.Specs)
        {
            float[][] w = spec.Weights();
            (object packed, int[] lengths) = Batch(spec);
            var separate = (float[])Probe(spec.Name, "Separate").Invoke(null, new[] { w, packed, lengths })!;
            float[]? widest = null;
            foreach (int width in Widths)
            {
                var batch = (float[])Probe(spec.Name, "Batch").Invoke(null, new object[] { width, w, packed, lengths })!;
                Assert.Equal(separate.Length, batch.Length);
                for (int i = 0; i < batch.Length; i++)
                {
                    double diff = Math.Abs(batch[i] - separate[i]);
                    worst = Math.Max(worst, diff);
                    if (!(diff <= Tolerance) && failures.Count < 20) failures.Add($"{spec.Name} width {width}: {Where(lengths, i / spec.Y)} got {batch[i]} expected {separate[i]}");
                }
                // Every width computes the same float operations for each element: bit for bit.
                widest ??= batch;
                if (!widest.SequenceEqual(batch)) failures.Add($"{spec.Name}: width {width} differs from width {Widths[0]}");
            }
        }
        log.WriteLine($"{s_models.Value.Specs.Count} specs × {Widths.Length} widths, 70 sequences each; " +
            $"largest difference from Forward: {worst.ToString("E2", CultureInfo.InvariantCulture)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>"sequence 12, step 3 of 7" for the n-th output of a batch.</summary>
    private static string Where(int[] lengths, int n)
    {
        int i = 0;
        while (n >= lengths[i]) n -= lengths[i++];
        return $"sequence {i}, step {n + 1} of {lengths[i]}";
    }

    [Fact]
    public void A_sequence_gives_the_same_outputs_bit_for_bit_whatever_it_is_batched_with()
    {
        foreach (BatchSpec spec in s_models.Value.Specs.Where((_, i) => i % 5 == 0))
        {
            float[][] w = spec.Weights();
            (object packed, int[] lengths) = Batch(spec);
            var all = (float[])Probe(spec.Name, "Batch").Invoke(null, new object[] { 0, w, packed, lengths })!;
            int per = spec.OneHot ? 1 : spec.X;
            foreach (int i in new[] { 0, 10, lengths.Length - 2 })
            {
                int start = lengths.Take(i).Sum();
                object alone = spec.OneHot
                    ? ((int[])packed).Skip(start).Take(lengths[i]).ToArray()
                    : ((float[])packed).Skip(start * per).Take(lengths[i] * per).ToArray();
                var one = (float[])Probe(spec.Name, "Batch").Invoke(null, new object[] { 0, w, alone, new[] { lengths[i] } })!;
                Assert.Equal(all.Skip(start * spec.Y).Take(lengths[i] * spec.Y).ToArray(), one);
            }
        }
    }
}

/// <summary>ForwardBatch's arguments, its allocating overload and its allocations, on the shipped models.</summary>
public sealed class BatchApiTests
{
    private static RnnGen.Models.NameTagger Tagger() => RnnGen.Models.NameTagger.FromSafeTensors(SafeTensorsFile.Parse(SafeTensorsFile.Serialize(
        RandomWeights.Create(RnnGen.Models.NameTagger.HiddenSize, RnnGen.Models.NameTagger.InputSize, RnnGen.Models.NameTagger.OutputSize, 5)), "seeded"));

    [Fact]
    public void Bad_lengths_outputs_and_tokens_are_refused_before_any_step_runs()
    {
        var model = Tagger();
        var outputs = new RnnGen.Models.NameTagger.Output[4];
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardBatch(new[] { 1, 2, 3 }, new[] { 4, -1 }, outputs));
        Assert.Equal("lengths", negative.ParamName);
        Assert.Contains("lengths[1] is -1", negative.Message, StringComparison.Ordinal);
        var sum = Assert.Throws<ArgumentException>(() => model.ForwardBatch(new[] { 1, 2, 3 }, new[] { 2, 2 }, outputs));
        Assert.Equal("tokens", sum.ParamName);
        Assert.Contains("add up to 4 steps, but tokens holds 3", sum.Message, StringComparison.Ordinal);
        var room = Assert.Throws<ArgumentException>(() => model.ForwardBatch(new[] { 1, 2, 3 }, new[] { 3 }, outputs.AsSpan(0, 2)));
        Assert.Equal("outputs", room.ParamName);
        var token = Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardBatch(new[] { 1, 10_000 }, new[] { 2 }, outputs));
        Assert.Equal("tokens", token.ParamName);
        Assert.All(outputs, o => Assert.Equal(default, o));
    }

    [Fact]
    public void The_allocating_overload_returns_what_Forward_returns_per_sequence_and_an_empty_batch_does_nothing()
    {
        var model = Tagger();
        int[][] sequences = { new[] { 5, 6, 7 }, Array.Empty<int>(), new[] { 9 } };
        RnnGen.Models.NameTagger.Output[][] results = model.ForwardBatch(sequences);
        Assert.Equal(3, results.Length);
        for (int i = 0; i < sequences.Length; i++)
        {
            RnnGen.Models.NameTagger.Output[] one = model.Forward(sequences[i]);
            Assert.Equal(one.Length, results[i].Length);
            for (int t = 0; t < one.Length; t++) Assert.Equal(one[t].Person, results[i][t].Person, 1e-6f);
        }
        model.ForwardBatch(ReadOnlySpan<int>.Empty, ReadOnlySpan<int>.Empty, Span<RnnGen.Models.NameTagger.Output>.Empty);
        Assert.Throws<ArgumentException>(() => model.ForwardBatch(new int[][] { null! }));
    }

    [Fact]
    public void ForwardBatch_into_a_span_allocates_nothing_once_warm()
    {
        var model = Tagger();
        var random = new DeterministicRandom(9);
        int[] lengths = Enumerable.Range(0, 100).Select(_ => random.NextInt(20)).ToArray();
        int[] tokens = Enumerable.Range(0, lengths.Sum()).Select(_ => random.NextInt(RnnGen.Models.NameTagger.InputSize)).ToArray();
        var outputs = new RnnGen.Models.NameTagger.Output[tokens.Length];
        for (int i = 0; i < 3; i++) model.ForwardBatch(tokens, lengths, outputs);
        long best = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) model.ForwardBatch(tokens, lengths, outputs);
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, best);
    }
}
