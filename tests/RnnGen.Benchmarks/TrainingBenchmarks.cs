using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using RnnGen.Models;
using RnnGen.Training;

namespace RnnGen.Benchmarks;

/// <summary>
/// Training throughput of the shipped name tagger's network (the textbook's Elman cell, a = 100, one-hot over 10,000
/// words, a sigmoid output, binary cross-entropy): an invoke is one epoch of <see cref="Trainer"/> over 2,048 made-up
/// sentences of 20 tokens in batches of 32 (64 Adam updates: forward, backward through time, the update over every
/// weight including the whole 10,000-word input table, the repack), on 1 and 2 threads. Every row is ns per token.
/// The same network, batch, sentence length and optimizer in PyTorch 1.13 are timed by
/// <c>torch/train_throughput.py</c>, which the setup runs with one thread (skipped with a note when torch is absent).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Sentences = 2048;
    private const int Length = 20;
    private const int Tokens = Sentences * Length;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10));
            AddColumn(StatisticColumn.Median);
            AddColumn(StatisticColumn.Min);
        }
    }

    [Params(1, 2)]
    public int Threads { get; set; }

    private Trainer _trainer = null!;
    private float[][] _initial = Array.Empty<float[]>();
    private TrainingSequence[] _data = Array.Empty<TrainingSequence>();

    [GlobalSetup]
    public void Setup()
    {
        var random = new DeterministicRandom(5);
        _data = Enumerable.Range(0, Sentences).Select(_ => TrainingSequence.OneHot(
            Enumerable.Range(0, Length).Select(_ => random.NextInt(NameTagger.InputSize)).ToArray(),
            Enumerable.Range(0, Length).Select(_ => (float)random.NextInt(2)).ToArray())).ToArray();
        _trainer = new Trainer(NameTagger.Training, new TrainerOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e-3, Seed = 1, Threads = Threads });
        _initial = _trainer.InitialParameters();
        if (Threads == 1) PyTorch();
    }

    [Benchmark(Description = "rnngen Trainer: one epoch, batches of 32 × 20 tokens", OperationsPerInvoke = Tokens)]
    public double Epoch() => _trainer.TrainFrom(_initial, _data).History.Epochs[0].TrainLoss;

    /// <summary>PyTorch's side, printed into the benchmark's log: tokens per second of each form of the network.</summary>
    private static void PyTorch()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "torch", "train_throughput.py");
        var start = new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" --hidden 100 --vocab 10000 --batch 32 --length {Length}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        try
        {
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Console.WriteLine(process.ExitCode == 0
                ? "// PyTorch (one thread; form, tokens/s, median ms and min ms per update):\n" + output
                : $"// PyTorch skipped: {script} exited {process.ExitCode}: {error.Trim().Split('\n').LastOrDefault()} (install python3-torch)");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"// PyTorch skipped: /usr/bin/python3 could not run ({e.Message}); install python3 and python3-torch.");
        }
    }
}
