using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RnnGen.Benchmarks.Batch;

namespace RnnGen.Benchmarks;

/// <summary>
/// ForwardBatch against one Forward per sequence, the textbook Elman cell at a = 256 (one-hot over 10,000 words,
/// y = 1 sigmoid, seeded random weights): 64 sequences of 20 tokens per invoke, so every row is ns per token.
/// The recurrent product costs 2 · 256 · 256 = 131,072 FLOPs a token; GFLOP/s = 131,072 / (ns per token).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Sequences = 64;
    private const int Length = 20;
    private const int Tokens = Sequences * Length;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25));
            AddColumn(StatisticColumn.Median);
            AddColumn(StatisticColumn.Min);
        }
    }

    private BatchElmanA256 _model = null!;
    private int[] _tokens = Array.Empty<int>();
    private readonly int[] _lengths = Enumerable.Repeat(Length, Sequences).ToArray();
    private readonly BatchElmanA256.Output[] _outputs = new BatchElmanA256.Output[Tokens];

    [GlobalSetup]
    public void Setup()
    {
        _model = BatchElmanA256.FromSafeTensors(SafeTensorsFile.Parse(SafeTensorsFile.Serialize(
            RandomWeights.Create(BatchElmanA256.HiddenSize, BatchElmanA256.InputSize, BatchElmanA256.OutputSize, seed: 1)), "seeded"));
        var random = new DeterministicRandom(11);
        _tokens = Enumerable.Range(0, Tokens).Select(_ => random.NextInt(BatchElmanA256.InputSize)).ToArray();
        // The two paths agree before anything is timed.
        var separate = new BatchElmanA256.Output[Tokens];
        for (int b = 0; b < Sequences; b++) _model.Forward(_tokens.AsSpan(b * Length, Length), separate.AsSpan(b * Length, Length));
        _model.ForwardBatch(_tokens, _lengths, _outputs);
        for (int i = 0; i < Tokens; i++)
        {
            if (Math.Abs(separate[i][0] - _outputs[i][0]) > 1e-5f)
            {
                throw new InvalidOperationException($"ForwardBatch differs from Forward at token {i}.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Forward per sequence (64 calls)", OperationsPerInvoke = Tokens)]
    public float Separate()
    {
        for (int b = 0; b < Sequences; b++) _model.Forward(_tokens.AsSpan(b * Length, Length), _outputs.AsSpan(b * Length, Length));
        return _outputs[Tokens - 1][0];
    }

    [Benchmark(Description = "ForwardBatch (64 sequences)", OperationsPerInvoke = Tokens)]
    public float Batch()
    {
        _model.ForwardBatch(_tokens, _lengths, _outputs);
        return _outputs[Tokens - 1][0];
    }
}
