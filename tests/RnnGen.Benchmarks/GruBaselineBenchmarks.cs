using System;
using System.Linq;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RnnGen.Benchmarks.Cells;

namespace RnnGen.Benchmarks;

/// <summary>
/// The generated GRU (H = 64, dense input of 16, y = 1 sigmoid) against an expert's hand-written Vector512 GRU
/// (<see cref="ExpertGru"/>) on the same weights and a 7-step sequence, in one run; rows are ns per step.
/// The setup checks that both give the same outputs.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class GruBaselineBenchmarks
{
    private const int Steps = 7;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25));
            AddColumn(StatisticColumn.Median);
            AddColumn(StatisticColumn.Min);
            SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        }
    }

    private BenchGruH64Dense _model = null!;
    private ExpertGru _expert = null!;
    private float[] _xs = Array.Empty<float>();
    private float[] _h = Array.Empty<float>();
    private int _hOff;

    [GlobalSetup]
    public void Setup()
    {
        if (!Vector512.IsHardwareAccelerated) throw new PlatformNotSupportedException("The expert baseline is a Vector512 kernel.");
        var t = RandomWeights.Create(BenchGruH64Dense.Info.Tensors, ExpertGru.H, 1).Select(x => x.Data).ToArray();
        _model = new BenchGruH64Dense(t[0], t[1], t[2], t[3], t[4], t[5]);
        _expert = new ExpertGru(t[0], t[1], t[2], t[3], t[4], t[5]);
        var random = new DeterministicRandom(7);
        (_xs, _) = (Enumerable.Range(0, (Steps + 1) * ExpertGru.X + 16).Select(_ => random.Uniform(-1, 1)).ToArray(), 0);
        (_h, _hOff) = ExpertRnn.Aligned(ExpertGru.H);
        // Both compute the same outputs (float32 rounding apart).
        float generated = Generated(), expert = Expert();
        if (Math.Abs(generated - expert) > 1e-5f) throw new InvalidOperationException($"The expert GRU gives {expert}, the generated one {generated}.");
    }

    [Benchmark(Description = "Generated GRU Step (7 calls)", OperationsPerInvoke = Steps)]
    public float Generated()
    {
        var state = new BenchGruH64Dense.Hidden();
        float sum = 0;
        for (int s = 0; s < Steps; s++)
        {
            _model.Step(ref state, new ReadOnlySpan<float>(_xs, s * ExpertGru.X, ExpertGru.X), out BenchGruH64Dense.Output y);
            sum += y[0];
        }
        return sum;
    }

    [Benchmark(Description = "Expert Vector512 GRU (7 steps)", Baseline = true, OperationsPerInvoke = Steps)]
    public float Expert()
    {
        new Span<float>(_h, _hOff, ExpertGru.H).Clear();
        ref float h = ref _h[_hOff];
        float sum = 0;
        for (int s = 0; s < Steps; s++) sum += _expert.Step(ref h, ref _xs[s * ExpertGru.X]);
        return sum;
    }
}
