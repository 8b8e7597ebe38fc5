using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace RnnGen.Benchmarks;

/// <summary>
/// Generated GRU and LSTM models (cells/*.rnn.json: hidden 16, 32, 64, 128; dense input of 16 or one-hot over
/// 10,000; y = 1 sigmoid), PyTorch-style random weights, a 7-step sequence per invoke through the model's
/// untyped Forward (Step per token with the state carried), so every row is ns per step.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class CellBenchmarks
{
    private const int Steps = 7;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25));
            AddColumn(StatisticColumn.Median);
            AddColumn(StatisticColumn.Min);
        }
    }

    [Params("BenchGruH16Dense", "BenchGruH32Dense", "BenchGruH64Dense", "BenchGruH128Dense",
        "BenchGruH16OneHot", "BenchGruH32OneHot", "BenchGruH64OneHot", "BenchGruH128OneHot",
        "BenchLstmH16Dense", "BenchLstmH32Dense", "BenchLstmH64Dense", "BenchLstmH128Dense",
        "BenchLstmH16OneHot", "BenchLstmH32OneHot", "BenchLstmH64OneHot", "BenchLstmH128OneHot")]
    public string Model { get; set; } = "";

    private IDenseRnnModel? _dense;
    private IOneHotRnnModel? _oneHot;
    private float[] _inputs = Array.Empty<float>();
    private int[] _tokens = Array.Empty<int>();
    private float[] _outputs = new float[Steps];

    [GlobalSetup]
    public void Setup()
    {
        Type type = typeof(CellBenchmarks).Assembly.GetType("RnnGen.Benchmarks.Cells." + Model, throwOnError: true)!;
        var info = (RnnModelInfo)type.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        SafeTensorsFile weights = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(RandomWeights.Create(info.Tensors, info.HiddenSize, 1)), Model);
        object model = type.GetMethod("FromSafeTensors")!.Invoke(null, new object[] { weights })!;
        var random = new DeterministicRandom(7);
        if (info.InputEncoding == SpecWords.OneHot)
        {
            _oneHot = (IOneHotRnnModel)model;
            _tokens = Enumerable.Range(0, Steps).Select(_ => random.NextInt(info.InputSize)).ToArray();
        }
        else
        {
            _dense = (IDenseRnnModel)model;
            _inputs = Enumerable.Range(0, Steps * info.InputSize).Select(_ => random.Uniform(-1, 1)).ToArray();
        }
    }

    /// <summary>A 7-step sequence from the zero state: 7 Steps with the state carried.</summary>
    [Benchmark(Description = "Generated Step (7-step sequence)", OperationsPerInvoke = Steps)]
    public float Sequence()
    {
        if (_oneHot is not null) _oneHot.Forward(_tokens, _outputs);
        else _dense!.Forward(_inputs, _outputs);
        return _outputs[Steps - 1];
    }
}
