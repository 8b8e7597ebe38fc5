using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;

namespace RnnGen.Benchmarks;

/// <summary>What <c>-- interleaved</c> was asked to measure.</summary>
internal sealed record InterleavedOptions(int Rounds, IReadOnlyList<string> Cells, IReadOnlyList<int> Sizes, IReadOnlyList<CellInput> Inputs);

/// <summary>One configuration's result: median ns a step of each side, the per-round ratios' median and 10–90 % range.</summary>
internal sealed record InterleavedRow(string Cell, CellInput Input, int Hidden, double ExpertNs, double GeneratedNs,
                                      double Ratio, double RatioLow, double RatioHigh, double GeneratedBytesPerStep);

/// <summary>
/// The cell baselines measured the way a noisy host can still answer: <c>dotnet run -c Release --project
/// tests/RnnGen.Benchmarks -- interleaved [--rounds N] [--cells gru,lstm] [--sizes 16,32,64,128] [--inputs dense,onehot]</c>.
/// For each configuration the expert kernel and the generated <c>Step</c> run in alternating batches of about a
/// millisecond each, in one process, the side that goes first swapping every round; the ratio is taken round by round,
/// so a change of clock or a neighbour's load between rounds moves both sides of a ratio together. BenchmarkDotNet runs
/// one side's iterations after the other's, and on a shared virtual core its rows drift by up to 20 % between runs; the
/// per-round ratios here spread by about ±1 %. Both sides are self-checked first (<see cref="SelfCheck.Compare"/>), and
/// the bytes the generated side allocates are counted.
/// </summary>
internal static class InterleavedBaselines
{
    public const string Usage =
        "usage: interleaved [--rounds N] [--cells gru,lstm] [--sizes 16,32,64,128] [--inputs dense,onehot]   (N from 3 to 10000, default 61)";

    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(1);
    private static float _sink;

    public static int Run(string[] args)
    {
        (InterleavedOptions? parsed, string? error) = Parse(args);
        if (parsed is not { } options)
        {
            Console.Error.WriteLine($"interleaved: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        Console.WriteLine($"Interleaved cell baselines: {options.Rounds} rounds of about {Batch.TotalMilliseconds:0} ms a side; " +
                          $"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}; " +
                          $"{Environment.ProcessorCount} processors; tiered compilation {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0" ? "off" : "on")}.");
        Console.WriteLine();
        Console.WriteLine("| cell | input | H | expert ns/step | generated ns/step | expert ÷ generated (median of rounds) | 10–90 % of rounds | generated B/step |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (string cell in options.Cells)
            foreach (CellInput input in options.Inputs)
                foreach (int hidden in options.Sizes)
                {
                    InterleavedRow row = Measure(CellCase.Create(cell, hidden, input), cell, input, hidden, options.Rounds);
                    Console.WriteLine(Format(row));
                }
        return 0;
    }

    /// <summary>The options of <paramref name="args"/>, or what is wrong with them (the first problem, naming the argument).</summary>
    internal static (InterleavedOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        int rounds = 61;
        IReadOnlyList<string> cells = CellCase.Cells;
        IReadOnlyList<int> sizes = CellCase.Sizes;
        IReadOnlyList<CellInput> inputs = CellCase.Inputs;
        for (int i = 0; i < args.Count; i += 2)
        {
            string name = args[i];
            if (i + 1 >= args.Count) return (null, $"{name} needs a value.");
            string value = args[i + 1];
            string[] items = value.Split(',', StringSplitOptions.TrimEntries);
            switch (name)
            {
                case "--rounds":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 3 || rounds > 10000)
                        return (null, $"--rounds '{value}' is not a whole number from 3 to 10000.");
                    break;
                case "--cells":
                    if (items.FirstOrDefault(c => !CellCase.Cells.Contains(c)) is { } cell)
                        return (null, $"--cells: '{cell}' is not a cell of the baselines ({string.Join(", ", CellCase.Cells)}).");
                    cells = items.Distinct().ToArray();
                    break;
                case "--sizes":
                    var parsed = new List<int>();
                    foreach (string item in items)
                    {
                        if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || !CellCase.Sizes.Contains(size))
                            return (null, $"--sizes: '{item}' is not a hidden size of the baselines ({string.Join(", ", CellCase.Sizes)}).");
                        parsed.Add(size);
                    }
                    sizes = parsed.Distinct().ToArray();
                    break;
                case "--inputs":
                    var kinds = new List<CellInput>();
                    foreach (string item in items)
                    {
                        CellInput? kind = item switch { "dense" => CellInput.Dense16, "onehot" => CellInput.OneHot10k, _ => null };
                        if (kind is null) return (null, $"--inputs: '{item}' is not an input of the baselines (dense, onehot).");
                        kinds.Add(kind.Value);
                    }
                    inputs = kinds.Distinct().ToArray();
                    break;
                default:
                    return (null, $"'{name}' is not an option.");
            }
        }
        return (new InterleavedOptions(rounds, cells, sizes, inputs), null);
    }

    private static InterleavedRow Measure(CellCase cellCase, string cell, CellInput input, int hidden, int rounds)
    {
        SelfCheck.Compare(cellCase);
        int calls = Calibrate(cellCase);
        var expert = new double[rounds];
        var generated = new double[rounds];
        var ratios = new double[rounds];
        long bytes = 0;
        for (int r = 0; r < rounds; r++)
        {
            bool expertFirst = r % 2 == 0;
            if (expertFirst) expert[r] = Time(cellCase, calls, generatedSide: false, out _);
            generated[r] = Time(cellCase, calls, generatedSide: true, out long allocated);
            if (!expertFirst) expert[r] = Time(cellCase, calls, generatedSide: false, out _);
            bytes += allocated;
            ratios[r] = expert[r] / generated[r];
        }
        double steps = (double)rounds * calls * CellCase.Steps;
        return new InterleavedRow(cell, input, hidden, Median(expert), Median(generated), Median(ratios),
                                  Percentile(ratios, 0.1), Percentile(ratios, 0.9), bytes / steps);
    }

    /// <summary>Warms both sides up (so the JIT's final code is what is timed) and returns the calls a batch of about <see cref="Batch"/> takes.</summary>
    private static int Calibrate(CellCase cellCase)
    {
        for (int i = 0; i < 200; i++) _sink += cellCase.Expert() + cellCase.Generated();
        int calls = 16;
        while (true)
        {
            double ns = Time(cellCase, calls, generatedSide: false, out _) * calls * CellCase.Steps;
            if (ns >= Batch.TotalMilliseconds * 1e6 || calls >= 1 << 24) return calls;
            calls *= 2;
        }
    }

    /// <summary>ns a step of <paramref name="calls"/> calls (of <see cref="CellCase.Steps"/> steps each) of one side.</summary>
    private static double Time(CellCase cellCase, int calls, bool generatedSide, out long allocated)
    {
        float sum = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        if (generatedSide) for (int i = 0; i < calls; i++) sum += cellCase.Generated();
        else for (int i = 0; i < calls; i++) sum += cellCase.Expert();
        long elapsed = Stopwatch.GetTimestamp() - start;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _sink += sum;
        return elapsed * (1e9 / Stopwatch.Frequency) / ((double)calls * CellCase.Steps);
    }

    internal static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    /// <summary>The <paramref name="p"/> quantile by linear interpolation between the closest ranks.</summary>
    internal static double Percentile(IReadOnlyList<double> values, double p)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        double at = p * (sorted.Length - 1);
        int low = (int)Math.Floor(at);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
    }

    private static string Format(InterleavedRow row) => string.Create(CultureInfo.InvariantCulture,
        $"| {row.Cell.ToUpperInvariant()} | {(row.Input == CellInput.Dense16 ? "dense 16" : "one-hot 10,000")} | {row.Hidden} | " +
        $"{row.ExpertNs:N0} | {row.GeneratedNs:N0} | {row.Ratio:0.00} | {row.RatioLow:0.00}–{row.RatioHigh:0.00} | {row.GeneratedBytesPerStep:0.##} |");
}
