using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace RnnGen.Benchmarks;

/// <summary>
/// The short job and columns of the cell baselines: one launch, 5 warm-up and 25 measured iterations, Median and Min,
/// ratios as "x faster / x slower" against the expert kernel of the same parameters (BenchmarkDotNet groups the
/// baseline by [Params], so each (Hidden, Input) row pair has its own ratio).
/// </summary>
internal sealed class CellBaselineConfig : ManualConfig
{
    public CellBaselineConfig()
    {
        // AsDefault: a job given on the command line (e.g. --job dry for a smoke run) replaces this one instead of running beside it.
        AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25).AsDefault());
        AddColumn(StatisticColumn.Median);
        AddColumn(StatisticColumn.Min);
        SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }
}

/// <summary>
/// The generated GRU (cells/gru-h*.rnn.json) against the expert hand-written GRU (Vector512, or its AVX2 form without AVX-512) (<see cref="ExpertGru{TSize}"/>)
/// at H = 16, 32, 64, 128 with a dense input of 16 and a one-hot input over 10,000, same weights, same 7-step sequence
/// from the zero state, in one run; rows are ns per step. The setup checks both give the same outputs and state.
/// </summary>
[Config(typeof(CellBaselineConfig))]
[MemoryDiagnoser]
public class GruBaselineBenchmarks
{
    [Params(16, 32, 64, 128)]
    public int Hidden { get; set; }

    [Params(CellInput.Dense16, CellInput.OneHot10k)]
    public CellInput Input { get; set; }

    private CellCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _case = CellCase.Create("gru", Hidden, Input);
        SelfCheck.Compare(_case);
    }

    [Benchmark(Description = "Expert GRU (7 steps)", Baseline = true, OperationsPerInvoke = CellCase.Steps)]
    public float Expert() => _case.Expert();

    [Benchmark(Description = "Generated GRU Step (7 calls)", OperationsPerInvoke = CellCase.Steps)]
    public float Generated() => _case.Generated();
}

/// <summary>
/// The generated LSTM (cells/lstm-h*.rnn.json) against the expert hand-written LSTM (Vector512, or its AVX2 form without AVX-512) (<see cref="ExpertLstm{TSize}"/>),
/// as <see cref="GruBaselineBenchmarks"/> does for the GRU.
/// </summary>
[Config(typeof(CellBaselineConfig))]
[MemoryDiagnoser]
public class LstmBaselineBenchmarks
{
    [Params(16, 32, 64, 128)]
    public int Hidden { get; set; }

    [Params(CellInput.Dense16, CellInput.OneHot10k)]
    public CellInput Input { get; set; }

    private CellCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _case = CellCase.Create("lstm", Hidden, Input);
        SelfCheck.Compare(_case);
    }

    [Benchmark(Description = "Expert LSTM (7 steps)", Baseline = true, OperationsPerInvoke = CellCase.Steps)]
    public float Expert() => _case.Expert();

    [Benchmark(Description = "Generated LSTM Step (7 calls)", OperationsPerInvoke = CellCase.Steps)]
    public float Generated() => _case.Generated();
}
