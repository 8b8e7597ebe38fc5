using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RnnGen.Models;
using RnnGen.Reference;

namespace RnnGen.Benchmarks;

/// <summary>
/// name-tagger (a = 100 tanh, x = 10,000 one-hot, y = 1 sigmoid), seed-1 random weights,
/// "Sam Li and Tom date on Tuesday." (7 tokens). Every benchmark that runs the sentence declares
/// OperationsPerInvoke = 7, so every row of the table is per token; a sentence costs 7 times that.
/// Every sentence starts from a&lt;0&gt; = 0 and feeds the state back from token to token.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class NameTaggerBenchmarks
{
    private const int Tokens = 7;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short job: one process, few iterations (the machine is shared, so medians and same-run ratios are what count).
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25));
            AddColumn(StatisticColumn.Median);
            // On a shared virtual machine the minimum is the steadiest figure: noise only ever adds time.
            AddColumn(StatisticColumn.Min);
            SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        }
    }

    private int[] _tokens = null!;
    private NameTagger _model = null!;
    private NameTagger.Output[] _outputs = null!;
    private NameTagger.Hidden _stream;
    private int _position;
    private ExpertRnn _expert = null!;
    private float[] _expertH = null!;
    private int _expertHOff;
    private ScalarRnn _scalar = null!;
    private float[] _scalarH = null!;
    private ReferenceRnn _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        SelfCheck.Run(verbose: false);
        _tokens = Sentence.Tokens();
        Weights w = Sentence.Weights();
        _model = w.Generated();
        _outputs = new NameTagger.Output[Tokens];
        _expert = w.Expert();
        (_expertH, _expertHOff) = ExpertRnn.Aligned(ExpertRnn.S);
        _scalar = w.Scalar();
        _scalarH = new float[ScalarRnn.A];
        _reference = w.Reference();
    }

    /// <summary>Generated Step, streaming: one call per token, the state fed back, 7 tokens per invoke.</summary>
    [Benchmark(Description = "Generated Step (7 calls)", OperationsPerInvoke = Tokens)]
    public float GeneratedStep()
    {
        NameTagger model = _model;
        int[] tokens = _tokens;
        NameTagger.Hidden state = default;
        float sum = 0;
        for (int t = 0; t < tokens.Length; t++)
        {
            model.Step(ref state, tokens[t], out NameTagger.Output output);
            sum += output.Person;
        }
        return sum;
    }

    /// <summary>Generated Step, one call per invoke (the sentence's tokens in turn, the state kept in a field between invokes).</summary>
    [Benchmark(Description = "Generated Step (1 call)")]
    public float GeneratedStepSingle()
    {
        int position = _position;
        if (position == 0) _stream = default;
        _model.Step(ref _stream, _tokens[position], out NameTagger.Output output);
        _position = position == Tokens - 1 ? 0 : position + 1;
        return output.Person;
    }

    /// <summary>Generated Forward into the caller's span, one sentence per invoke.</summary>
    [Benchmark(Description = "Generated Forward (sentence)", OperationsPerInvoke = Tokens)]
    public float GeneratedForward()
    {
        _model.Forward(_tokens, _outputs);
        return _outputs[Tokens - 1].Person;
    }

    /// <summary>Baseline (c): the expert hand-written SIMD loop (Vector512, or its AVX2 form), 7 steps per invoke.</summary>
    [Benchmark(Description = "Expert SIMD loop", Baseline = true, OperationsPerInvoke = Tokens)]
    public float Expert()
    {
        ExpertRnn expert = _expert;
        int[] tokens = _tokens;
        ref float h = ref _expertH[_expertHOff];
        new Span<float>(_expertH, _expertHOff, ExpertRnn.S).Clear();
        float sum = 0;
        for (int t = 0; t < tokens.Length; t++) sum += expert.Step(ref h, tokens[t]);
        return sum;
    }

    /// <summary>Baseline (b): plain scalar C# over float[], 7 steps per invoke.</summary>
    [Benchmark(Description = "Scalar C# loop", OperationsPerInvoke = Tokens)]
    public float Scalar()
    {
        Array.Clear(_scalarH);
        float sum = 0;
        for (int t = 0; t < _tokens.Length; t++) sum += _scalar.Step(_scalarH, _tokens[t]);
        return sum;
    }

    /// <summary>Baseline (a): the MathNet reference (dense one-hot x, the textbook formula, double), one sentence per invoke.</summary>
    [Benchmark(Description = "MathNet reference (dense)", OperationsPerInvoke = Tokens)]
    public double MathNet() => _reference.ForwardOneHot(_tokens)[Tokens - 1][0];
}
