using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RnnGen.Onnx;

namespace RnnGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/RnnGen.Benchmarks -- peers [--quick] [--cases rnn-100,gru-64] [--out file] [--no-torch]</c>:
/// the generated code against the expert kernels, ONNX Runtime, PyTorch and MathNet, on the same weights and tokens,
/// for Elman, GRU and LSTM at a = 64, 100, 256, 512 (one-hot over 10,000, y = 1), with the machine's limits, written as
/// a markdown section of docs/benchmarks.md (between the peers markers; printed too). <c>--quick</c> is the smoke run:
/// BenchmarkDotNet's dry job and a few PyTorch repetitions, figures worthless, printed only.
/// </summary>
public static class PeersCommand
{
    /// <summary>The environment variable that carries <c>--cases</c> to BenchmarkDotNet's benchmark processes.</summary>
    public const string CasesVariable = "RNNGEN_PEERS_CASES";

    private const string Begin = "<!-- peers:begin -->";
    private const string End = "<!-- peers:end -->";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEnumerable<string> SelectedCases()
    {
        string? chosen = Environment.GetEnvironmentVariable(CasesVariable);
        return string.IsNullOrWhiteSpace(chosen) ? PeerCases.All : chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Whether an expert SIMD kernel exists for the case: Elman at a = 100, GRU and LSTM at multiples of 64 (not 100).</summary>
    public static bool HasExpert(string key) => key == "rnn-100" || (!key.StartsWith("rnn-", StringComparison.Ordinal) && key != "gru-100" && key != "lstm-100");

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        bool torch = !args.Contains("--no-torch");
        string? cases = Option(args, "--cases");
        string root = RepoRoot();
        string? output = Option(args, "--out") ?? (quick ? null : Path.Combine(root, "docs", "benchmarks.md"));
        if (cases is not null)
        {
            string[] unknown = cases.Split(',', StringSplitOptions.TrimEntries).Where(c => !PeerCases.All.Contains(c)).ToArray();
            if (unknown.Length > 0)
            {
                Console.Error.WriteLine($"peers: unknown case {string.Join(", ", unknown)}; the cases are {string.Join(", ", PeerCases.All)}");
                return 2;
            }
            Environment.SetEnvironmentVariable(CasesVariable, cases);
        }
        var started = Stopwatch.StartNew();
        Machine machine = Machine.Probe(root);
        Console.WriteLine(machine.Describe());

        // Every figure below is per token; a short job (or the dry one for --quick) keeps the whole run near 10 minutes.
        Job job = quick
            ? Job.Dry.WithId("Smoke")
            : Job.Default.WithId("Peers").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150));
        IConfig config = DefaultConfig.Instance.AddJob(job).AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .WithOptions(ConfigOptions.DisableLogFile);
        Summary[] summaries = BenchmarkRunner.Run(new[] { typeof(PeerBenchmarks), typeof(PeerExpertBenchmarks), typeof(PeerReferenceBenchmarks) }, config);
        var rows = new List<Row>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is null) continue;
                string key = (string)report.BenchmarkCase.Parameters["Case"];
                rows.Add(new Row(key, report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), Mode(report.BenchmarkCase.Descriptor.WorkloadMethod.Name),
                    report.ResultStatistics.Median, report.ResultStatistics.Min,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
            }
        }

        string torchNote = torch ? PyTorch(SelectedCases().ToArray(), quick, rows) : "PyTorch: skipped (--no-torch).";
        string runtime = summaries.FirstOrDefault()?.HostEnvironmentInfo.RuntimeVersion ?? Environment.Version.ToString();
        string section = Markdown(machine, rows, torchNote, runtime, job, quick, started.Elapsed);
        Console.WriteLine();
        Console.WriteLine(section);
        if (output is not null)
        {
            string text = File.Exists(output) ? File.ReadAllText(output) : "";
            int b = text.IndexOf(Begin, StringComparison.Ordinal), e = text.IndexOf(End, StringComparison.Ordinal);
            text = b >= 0 && e > b ? text[..b] + section + text[(e + End.Length)..] : text.TrimEnd() + "\n\n" + section + "\n";
            File.WriteAllText(output, text);
            Console.WriteLine($"peers: wrote the section to {output}");
        }
        Console.WriteLine($"peers: {rows.Count} figures in {started.Elapsed.TotalMinutes.ToString("F1", Inv)} min");
        return 0;
    }

    /// <summary>One measured figure: ns per token (median, min) and managed bytes allocated per token (null: not measured).</summary>
    private sealed record Row(string Case, string Name, string Mode, double Median, double Min, long? Allocated);

    /// <summary>What the row is compared with: a token at a time (Step), a sentence (Forward) or the batch (ForwardBatch).</summary>
    private static string Mode(string method) => method switch
    {
        "GeneratedForward" or "OrtSentence" => "sentence",
        "GeneratedBatch" or "OrtBatch" => "batch",
        _ => "token",
    };

    private static string GeneratedOf(string mode) => mode switch
    {
        "sentence" => "generated Forward",
        "batch" => "generated ForwardBatch",
        _ => "generated Step",
    };

    /// <summary>
    /// Runs torch/peers.py with /usr/bin/python3 on each case's weights and tokens (written as raw float32 beside a JSON
    /// description), adds its rows, and returns the note on PyTorch (version, BLAS, threads), or why it was skipped.
    /// </summary>
    private static string PyTorch(string[] cases, bool quick, List<Row> rows)
    {
        const string Python = "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "torch", "peers.py");
        if (!File.Exists(Python)) return "PyTorch: skipped, /usr/bin/python3 is not installed.";
        string folder = Path.Combine(Path.GetTempPath(), "rnngen-peers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (string key in cases)
            {
                PeerCase c = PeerCases.Create(key);
                RecurrentWeights w = RecurrentWeights.From(c.Info, c.Tensors.Select(t => t.Data).ToArray());
                DirectionWeights d = w.Layers[0].Directions[0];
                using (var bin = new BinaryWriter(File.Create(Path.Combine(folder, key + ".bin"))))
                {
                    foreach (float[] a in new[] { d.InputWeights, d.RecurrentWeights, d.InputBias, d.RecurrentBias, w.HeadWeight, w.HeadBias })
                    {
                        foreach (float v in a) bin.Write(v);
                    }
                }
                File.WriteAllText(Path.Combine(folder, key + ".json"), JsonSerializer.Serialize(new
                {
                    key, cell = c.Info.Cell, hidden = c.Info.HiddenSize, vocabulary = c.Info.InputSize,
                    tokens = c.Tokens, batch = c.BatchTokens, batchSize = PeerCase.Batch, expected = c.Outputs(),
                }));
            }
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(folder);
            if (quick) start.ArgumentList.Add("--quick");
            foreach (string key in cases) start.ArgumentList.Add(key);
            start.Environment["OMP_NUM_THREADS"] = "1";
            start.Environment["MKL_NUM_THREADS"] = "1";
            start.Environment["OPENBLAS_NUM_THREADS"] = "1";
            using Process process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string note = "";
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                Console.WriteLine("torch: " + line);
                using JsonDocument json = JsonDocument.Parse(line);
                JsonElement r = json.RootElement;
                if (r.TryGetProperty("skip", out JsonElement skip)) note = "PyTorch: skipped, " + skip.GetString();
                else if (r.TryGetProperty("torch", out JsonElement version))
                {
                    note = $"PyTorch {version.GetString()} (/usr/bin/python3, torch.set_num_threads(1), timed in Python with time.perf_counter, "
                        + $"no_grad); BLAS: {r.GetProperty("blas").GetString()}";
                }
                else
                {
                    string mode = r.GetProperty("mode").GetString()!;
                    rows.Add(new Row(r.GetProperty("case").GetString()!, $"PyTorch {(mode == "token" ? "per token" : mode == "sentence" ? "per sentence" : "batched")}",
                        mode, r.GetProperty("median").GetDouble(), r.GetProperty("min").GetDouble(), null));
                }
            }
            process.WaitForExit();
            if (process.ExitCode != 0) return $"PyTorch: the script failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}";
            return note;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Markdown(Machine m, List<Row> rows, string torchNote, string runtime, Job job, bool quick, TimeSpan elapsed)
    {
        var s = new StringBuilder();
        s.AppendLine(Begin);
        s.AppendLine("## Peers: the generated code, expert kernels, ONNX Runtime, PyTorch and MathNet, side by side");
        s.AppendLine();
        if (quick) s.AppendLine("**Smoke run (`--quick`): BenchmarkDotNet's dry job, one invocation per figure. These figures are not measurements.**\n");
        s.AppendLine($"Written by `dotnet run -c Release --project tests/RnnGen.Benchmarks -- peers` on {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Inv)} UTC "
            + $"in {elapsed.TotalMinutes.ToString("F1", Inv)} min. Same seeded PyTorch-style weights and tokens for every implementation; a sentence is "
            + $"{PeerCase.Length} tokens, a batch {PeerCase.Batch} sentences; one-hot over 10,000 words, y = 1 sigmoid; rnn-100 is the name-tagger's "
            + "generated class. Every figure is ns per token on one core (median and min of the job's iterations).");
        s.AppendLine();
        s.AppendLine($"- Machine: {m.Describe()}");
        s.AppendLine($"- {runtime}; BenchmarkDotNet 0.15.8, job {job.Id} (launch {Describe(job.Run.LaunchCount)}, warm-up {Describe(job.Run.WarmupCount)}, "
            + $"iterations {Describe(job.Run.IterationCount)}); MathNet.Numerics 5.0.0.");
        s.AppendLine("- ONNX Runtime 1.31.1 (CPU), the model `rnngen export` writes, OrtValue API over pinned arrays created once (inputs and outputs), "
            + "IntraOpNumThreads = InterOpNumThreads = 1, sequential, every graph optimisation. Its one-hot input is a Gather of the input table followed by "
            + "the RNN operator's product with a 0/1 W (docs/onnx.md): ONNX's recurrent operators always multiply X by W, so ORT does that "
            + "(gates·a)² product as well (per sentence as one GEMM over the sentence).");
        s.AppendLine($"- {torchNote} PyTorch runs the same structure: the input table as an nn.Embedding, then nn.RNN/GRU/LSTM with an identity weight_ih.");
        s.AppendLine("- Allocated: managed bytes per token (BenchmarkDotNet's MemoryDiagnoser); native allocations of ONNX Runtime are not counted; "
            + "PyTorch's are not measured (—).");
        s.AppendLine("- Limits per token: arithmetic = FLOPs of the recurrent product and the head (2·g·a² + 2·a; g = 1, 3, 4 gates) ÷ the measured FMA peak; "
            + "load = bytes of weight_hh, the head and one input-table row (4·(g·a² + g·a + a)) ÷ the bandwidth of the cache level they fit "
            + $"({m.Levels()}), a batched row shares weight_hh and the head over {PeerCase.Batch} sentences. "
            + "limit = the larger; × limit = min ÷ limit. × generated = min ÷ the generated code's min in the same mode "
            + "(Step for a token at a time, Forward for a sentence, ForwardBatch for the batch): above 1, slower than the generated code.");
        foreach ((string cell, string title) in new[] { (SpecWords.Rnn, "Elman (rnn)"), (SpecWords.Gru, "GRU"), (SpecWords.Lstm, "LSTM") })
        {
            string[] keys = PeerCases.All.Where(k => k.StartsWith(cell + "-", StringComparison.Ordinal) && rows.Any(r => r.Case == k)).ToArray();
            if (keys.Length == 0) continue;
            s.AppendLine();
            s.AppendLine($"### {title}");
            s.AppendLine();
            s.AppendLine("| a | implementation | median ns | min ns | allocated B | × generated | limit ns | × limit |");
            s.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (string key in keys)
            {
                int a = int.Parse(key[(key.IndexOf('-') + 1)..], Inv);
                int gates = cell == SpecWords.Rnn ? 1 : cell == SpecWords.Gru ? 3 : 4;
                foreach (Row r in Order(rows.Where(r => r.Case == key)))
                {
                    Row? generated = rows.FirstOrDefault(g => g.Case == key && g.Name == GeneratedOf(r.Mode));
                    double limit = m.Limit(gates, a, r.Mode == "batch" ? PeerCase.Batch : 1);
                    s.AppendLine($"| {a} | {r.Name} | {Ns(r.Median)} | {Ns(r.Min)} | {(r.Allocated is long b ? b.ToString("N0", Inv) : "—")} | "
                        + $"{(generated is null ? "—" : (r.Min / generated.Min).ToString("F2", Inv))} | {(double.IsNaN(limit) ? "—" : Ns(limit))} | "
                        + $"{(double.IsNaN(limit) ? "—" : (r.Min / limit).ToString("F2", Inv))} |");
                }
            }
        }
        s.AppendLine();
        s.Append(End);
        return s.ToString();
    }

    private static readonly string[] Order_ =
    {
        "generated Step", "expert SIMD Step", "ONNX Runtime per token", "PyTorch per token", "MathNet reference",
        "generated Forward", "ONNX Runtime per sentence", "PyTorch per sentence",
        "generated ForwardBatch", "ONNX Runtime batched", "PyTorch batched",
    };

    private static IEnumerable<Row> Order(IEnumerable<Row> rows) => rows.OrderBy(r => Array.IndexOf(Order_, r.Name) is int i && i >= 0 ? i : 99);

    private static string Ns(double ns) => ns >= 100 ? ns.ToString("N0", Inv) : ns.ToString("F1", Inv);

    private static string Describe(int value) => value < 0 ? "auto" : value.ToString(Inv);

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RnnGen.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("peers: run it from inside the repository (no RnnGen.sln above the current folder).");
    }

    /// <summary>
    /// What the limits divide by, all read off this machine by machine/probe.sh: one core's FP32 FMA peak (the largest of
    /// its readings of 12 independent FMAs of the widest vectors the CPU has: noise only ever lowers them), the read
    /// bandwidth from L1, L2 and L3 (the largest of its readings of loads over a buffer that fits each level), and the
    /// clock: the larger of the dependent-add readings and the FMA peak ÷ the FLOPs a cycle, one or two FMA pipes' worth
    /// (512-bit: 32 or 64, Zen 4 has one pipe, a Xeon with AVX-512 two; 256-bit: 16 or 32, Zen 3 has two), whichever
    /// the peak ÷ the dependent-add clock is nearer. The cache sizes per
    /// core come from lscpu; what fits no cache streams at the L3 reading (a lower bound on the time).
    /// </summary>
    private sealed record Machine(string Cpu, double Ghz, int FlopsPerCycle, double PeakGflops, long L1, long L2, long L3,
        double L1GBs, double L2GBs, double L3GBs, string ProbeNote)
    {
        public static Machine Probe(string root)
        {
            string lscpu = RunText("lscpu", "") ?? "";
            string cpu = Regex.Match(lscpu, @"Model name:\s*(.+)").Groups[1].Value.Trim();
            long Cache(string level)
            {
                Match match = Regex.Match(lscpu, level + @" cache:\s*([0-9.]+)\s*(KiB|MiB)(?:\s*\((\d+) instances?\))?");
                if (!match.Success) return 0;
                double size = double.Parse(match.Groups[1].Value, Inv) * (match.Groups[2].Value == "MiB" ? 1 << 20 : 1 << 10);
                int instances = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, Inv) : 1;
                return (long)(size / instances);
            }
            string? probe = RunText("bash", Path.Combine(root, "tests", "RnnGen.Benchmarks", "machine", "probe.sh"));
            double Largest(string pattern) =>
                probe is null ? double.NaN : Regex.Matches(probe, pattern).Select(x => double.Parse(x.Groups[1].Value, Inv)).DefaultIfEmpty(double.NaN).Max();
            string note = probe is null ? "machine/probe.sh did not run (it needs gcc and AVX2 with FMA at least): no limits" : "";
            double flops = Largest(@"([0-9.]+) GFLOP/s");
            double adds = Largest(@"([0-9.]+) GHz");
            // The FMA loop's vector width: one or two FMA pipes of it give 32 or 64 FLOPs a cycle at 512 bits, 16 or 32 at 256.
            int bits = probe is not null && Regex.Match(probe, @"per iteration, (\d+)-bit") is { Success: true } width
                ? int.Parse(width.Groups[1].Value, Inv) : 512;
            int onePipe = bits / 16;
            // On a KVM guest the dependent-add loop reads low when the host takes cycles away; the FMA loop's peak ÷ its
            // FLOPs a cycle is a second reading of the clock: the larger is used.
            int perCycle = Math.Abs(flops / adds - 2 * onePipe) < Math.Abs(flops / adds - onePipe) ? 2 * onePipe : onePipe;
            double clock = Math.Max(adds, flops / perCycle);
            return new Machine(cpu.Length > 0 ? cpu : "unknown CPU", clock, perCycle, flops, Cache("L1d"), Cache("L2"), Cache("L3"),
                Largest(@"L1 read ([0-9.]+) GB/s"), Largest(@"L2 read ([0-9.]+) GB/s"), Largest(@"L3 read ([0-9.]+) GB/s"), note);
        }

        public string Describe() =>
            $"{Cpu}, L1d {Kib(L1)}, L2 {Kib(L2)} per core, L3 {Kib(L3)} (lscpu); measured by tests/RnnGen.Benchmarks/machine/probe.sh, run by this "
            + $"command before the benchmarks: FMA peak {PeakGflops.ToString("F1", Inv)} GFLOP/s FP32 one core ({FlopsPerCycle} FLOPs a cycle at "
            + $"{Ghz.ToString("F2", Inv)} GHz), read bandwidth {L1GBs.ToString("F0", Inv)} / {L2GBs.ToString("F0", Inv)} / {L3GBs.ToString("F0", Inv)} GB/s "
            + $"from L1 / L2 / L3 (the largest of each reading){(ProbeNote.Length > 0 ? "; " + ProbeNote : "")}";

        public string Levels() =>
            $"L1 {L1GBs.ToString("F0", Inv)} GB/s up to {Kib(L1)}, L2 {L2GBs.ToString("F0", Inv)} GB/s up to {Kib(L2)}, "
            + $"L3 {L3GBs.ToString("F0", Inv)} GB/s beyond (the probe's readings)";

        /// <summary>The larger of the arithmetic and the load bound, ns per token, weights shared over <paramref name="sharing"/> sequences.</summary>
        public double Limit(int gates, int a, int sharing)
        {
            if (double.IsNaN(PeakGflops) || double.IsNaN(L1GBs) || double.IsNaN(L2GBs) || double.IsNaN(L3GBs)) return double.NaN;
            double flops = 2.0 * gates * a * a + 2.0 * a;
            double weights = 4.0 * (gates * (double)a * a + a), row = 4.0 * gates * a;
            double bytesPerNs = weights <= L1 ? L1GBs : weights <= L2 ? L2GBs : L3GBs;
            return Math.Max(flops / PeakGflops, (weights / sharing + row) / bytesPerNs);
        }

        private static string Kib(long bytes) => bytes >= 1 << 20 ? $"{(bytes >> 20).ToString(Inv)} MiB" : $"{(bytes >> 10).ToString(Inv)} KiB";

        private static string? RunText(string file, string argument)
        {
            try
            {
                var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (argument.Length > 0) start.ArgumentList.Add(argument);
                using Process p = Process.Start(start)!;
                string text = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return p.ExitCode == 0 ? text : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }
}
