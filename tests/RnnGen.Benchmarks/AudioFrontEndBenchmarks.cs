using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RnnGen.Audio;
using RnnGen.Speech;

namespace RnnGen.Benchmarks;

/// <summary>
/// The audio front end's real-time factor: log-mel frames (RnnGen.Audio's standard parameters with mean normalisation,
/// as the spoken-digit classifier reads them) of one second of 16 kHz audio (a chirp with seeded noise: 98 frames) per
/// invoke, and the same followed by the generated SpokenDigits classifier (samples/speech, seeded random weights: the
/// time does not depend on the values). Real-time factor = 1 s / (time per invoke); e.g. 100 µs is 10,000 × real time.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class AudioFrontEndBenchmarks
{
    private const int Rate = 16000;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(25));
            AddColumn(StatisticColumn.Median);
            AddColumn(StatisticColumn.Min);
        }
    }

    private readonly LogMelFrontEnd _frontEnd = new(LogMelOptions.Standard with { MeanNormalization = true });
    private float[] _second = [];
    private float[] _frames = [];
    private float[] _outputs = [];
    private IDenseRnnModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new DeterministicRandom(3);
        _second = new float[Rate];
        double phase = 0;
        for (int i = 0; i < _second.Length; i++)
        {
            phase += 2 * Math.PI * (100 + 6900.0 * i / Rate) / Rate;
            _second[i] = (float)(0.4 * Math.Sin(phase)) + random.Uniform(-0.05f, 0.05f);
        }
        _frames = new float[_frontEnd.FrameCount(_second.Length) * _frontEnd.Bands];
        RnnModelInfo info = SpokenDigits.Info;
        SafeTensorsFile weights = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(RandomWeights.Create(info.Tensors, info.HiddenSize, 1)), "spoken-digits");
        _model = SpokenDigits.FromSafeTensors(weights);
        _outputs = new float[info.OutputSize]; // a classifier (many-to-one): one ŷ after the last frame
    }

    [Benchmark(Baseline = true, Description = "log-mel frames of 1 s")]
    public float LogMel()
    {
        _frontEnd.Compute(_second, _frames);
        return _frames[^1];
    }

    [Benchmark(Description = "log-mel + SpokenDigits of 1 s")]
    public float LogMelAndClassifier()
    {
        _frontEnd.Compute(_second, _frames);
        _model.Forward(_frames, _outputs);
        return _outputs[^1];
    }
}
