using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RnnGen.Models;

namespace RnnGen.Benchmarks;

/// <summary>
/// The generated Step and the expert loop again, with tiered compilation off (DOTNET_TieredCompilation=0):
/// every method is compiled once, fully optimised but without PGO, as under [AggressiveOptimization] and
/// close to what ahead-of-time compilation gets. Without PGO the JIT does not inline Vector512.Exp into the
/// generated Step512 (seven Tanh call sites), and the accumulators live across those calls are spilled
/// inside the FMA loop; the expert loop applies tanh in a loop (one call site) and keeps them in registers.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class FullOptsBenchmarks
{
    private const int Tokens = 7;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("FullOpts").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25)
                .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0")));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
            SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Trend);
        }
    }

    private int[] _tokens = null!;
    private NameTagger _model = null!;
    private ExpertRnn _expert = null!;
    private float[] _expertH = null!;
    private int _expertHOff;

    [GlobalSetup]
    public void Setup()
    {
        _tokens = Sentence.Tokens();
        Weights w = Sentence.Weights();
        _model = w.Generated();
        _expert = w.Expert();
        (_expertH, _expertHOff) = ExpertRnn.Aligned(ExpertRnn.S);
    }

    [Benchmark(Description = "Generated Step (7 calls), FullOpts", OperationsPerInvoke = Tokens)]
    public float GeneratedStep()
    {
        NameTagger.Hidden state = default;
        float sum = 0;
        for (int t = 0; t < _tokens.Length; t++)
        {
            _model.Step(ref state, _tokens[t], out NameTagger.Output output);
            sum += output.Person;
        }
        return sum;
    }

    [Benchmark(Description = "Expert SIMD loop, FullOpts", Baseline = true, OperationsPerInvoke = Tokens)]
    public float Expert()
    {
        ref float h = ref _expertH[_expertHOff];
        new Span<float>(_expertH, _expertHOff, ExpertRnn.S).Clear();
        float sum = 0;
        for (int t = 0; t < _tokens.Length; t++) sum += _expert.Step(ref h, _tokens[t]);
        return sum;
    }
}
