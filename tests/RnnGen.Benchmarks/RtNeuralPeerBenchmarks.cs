using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace RnnGen.Benchmarks;

/// <summary>
/// The generated GRU and LSTM at the sizes RTNeural's compile-time API is measured at (docs/benchmarks.md, "RTNeural"):
/// hidden 8, 16, 32, 64, 128 with a dense input of 1 or 16 and a y = 1 sigmoid head (cells/*-in1 and *-dense), a stream
/// of 1,024 steps per invoke (the untyped Forward: one virtual call, then the model's own Step kernel per step with the
/// state carried), PyTorch-style random weights, inputs uniform in [−1, 1). Rows are ns per step, as RTNeural's
/// <c>model.forward(x)</c> per step is timed on the other side.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class RtNeuralPeerBenchmarks
{
    private const int Steps = 1024;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15).AsDefault());
            AddColumn(StatisticColumn.Median);
            AddColumn(StatisticColumn.Min);
        }
    }

    [Params("Gru", "Lstm")]
    public string Cell { get; set; } = "";

    [Params(1, 16)]
    public int Input { get; set; }

    [Params(8, 16, 32, 64, 128)]
    public int Hidden { get; set; }

    private IDenseRnnModel _model = null!;
    private float[] _inputs = Array.Empty<float>();
    private readonly float[] _outputs = new float[Steps];

    [GlobalSetup]
    public void Setup()
    {
        string name = $"Bench{Cell}H{Hidden}{(Input == 1 ? "In1" : "Dense")}";
        Type type = typeof(RtNeuralPeerBenchmarks).Assembly.GetType("RnnGen.Benchmarks.Cells." + name, throwOnError: true)!;
        var info = (RnnModelInfo)type.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        if (info.InputSize != Input || info.HiddenSize != Hidden) throw new InvalidOperationException($"{name} is not H = {Hidden} with {Input} inputs.");
        SafeTensorsFile weights = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(RandomWeights.Create(info.Tensors, info.HiddenSize, 1)), name);
        _model = (IDenseRnnModel)type.GetMethod("FromSafeTensors")!.Invoke(null, new object[] { weights })!;
        var random = new DeterministicRandom(7);
        _inputs = Enumerable.Range(0, Steps * Input).Select(_ => random.Uniform(-1, 1)).ToArray();
    }

    /// <summary>1,024 steps from the zero state, each the model's Step kernel with the state carried.</summary>
    [Benchmark(Description = "Generated Step (1,024-step stream)", OperationsPerInvoke = Steps)]
    public float Stream()
    {
        _model.Forward(_inputs, _outputs);
        return _outputs[Steps - 1];
    }
}
