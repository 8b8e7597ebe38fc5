using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace RnnGen.Benchmarks;

/// <summary>
/// The peers benchmark's timed half (run by <see cref="PeersCommand"/>, which sets the job): per case, the generated
/// Step, Forward and ForwardBatch and ONNX Runtime per sentence, per token and batched, on the same weights and
/// tokens. Every row is per token (OperationsPerInvoke: a sentence of 20, or 64 sentences of 20). The case list comes
/// from <see cref="PeersCommand.CasesVariable"/> (the benchmark processes inherit it), else every case.
/// </summary>
[MemoryDiagnoser]
public class PeerBenchmarks
{
    private const int Sentence = PeerCase.Length;
    private const int Batch = PeerCase.Length * PeerCase.Batch;

    private PeerCase _case = null!;
    private OrtPeer _ort = null!;

    public static IEnumerable<string> Cases() => PeersCommand.SelectedCases();

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _case = PeerCases.Create(Case);
        _ort = new OrtPeer(_case);
        // Everything timed agrees with the generated Forward before it is timed.
        float[] expected = _case.Outputs();
        var streamed = new float[Sentence];
        _case.Check("ONNX Runtime per sentence", Array.ConvertAll(_ort.SentenceOutputs(), v => (double)v), expected, 1e-5);
        _ort.Tokens(streamed);
        _case.Check("ONNX Runtime per token", Array.ConvertAll(streamed, v => (double)v), expected, 1e-5);
        float[] batch = _case.BatchOutputs();
        _case.Check("ONNX Runtime batched", Array.ConvertAll(_ort.BatchOutputs(), v => (double)v), batch, 1e-5);
    }

    [GlobalCleanup]
    public void Cleanup() => _ort.Dispose();

    [Benchmark(Baseline = true, Description = "generated Step", OperationsPerInvoke = Sentence)]
    public float GeneratedStep() => _case.Step();

    [Benchmark(Description = "generated Forward", OperationsPerInvoke = Sentence)]
    public float GeneratedForward() => _case.Forward();

    [Benchmark(Description = "generated ForwardBatch", OperationsPerInvoke = Batch)]
    public float GeneratedBatch() => _case.ForwardBatch();

    [Benchmark(Description = "ONNX Runtime per sentence", OperationsPerInvoke = Sentence)]
    public float OrtSentence() => _ort.Sentence();

    [Benchmark(Description = "ONNX Runtime per token", OperationsPerInvoke = Sentence)]
    public float OrtToken() => _ort.Tokens();

    [Benchmark(Description = "ONNX Runtime batched", OperationsPerInvoke = Batch)]
    public float OrtBatch() => _ort.Batch();
}

/// <summary>The expert SIMD kernels (Vector512, or their AVX2 form), for the cases that have one (Elman at a = 100; GRU and LSTM at a = 64, 256, 512).</summary>
[MemoryDiagnoser]
public class PeerExpertBenchmarks
{
    private Func<float[]?, float> _expert = null!;

    public static IEnumerable<string> Cases() => PeersCommand.SelectedCases().Where(PeersCommand.HasExpert);

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        PeerCase c = PeerCases.Create(Case);
        _expert = c.Expert() ?? throw new InvalidOperationException($"{Case} has no expert kernel.");
        var outputs = new float[PeerCase.Length];
        _expert(outputs);
        c.Check("the expert kernel", Array.ConvertAll(outputs, v => (double)v), c.Outputs(), 1e-5);
    }

    [Benchmark(Description = "expert SIMD Step", OperationsPerInvoke = PeerCase.Length)]
    public float Expert() => _expert(null);
}

/// <summary>The MathNet reference: the textbook's dense formula in double, one-hot vectors of 10,000 and all.</summary>
[MemoryDiagnoser]
public class PeerReferenceBenchmarks
{
    private Func<double[][]> _reference = null!;

    public static IEnumerable<string> Cases() => PeersCommand.SelectedCases();

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        PeerCase c = PeerCases.Create(Case);
        _reference = c.Reference();
        c.Check("the MathNet reference", _reference().Select(y => y[0]).ToArray(), c.Outputs(), 1e-5);
    }

    [Benchmark(Description = "MathNet reference", OperationsPerInvoke = PeerCase.Length)]
    public double Reference() => _reference()[PeerCase.Length - 1][0];
}
