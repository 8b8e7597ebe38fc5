using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace RnnGen.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/RnnGen.Benchmarks -- --filter '*'</c>, or
/// <c>-- peers</c> for the side-by-side run against ONNX Runtime, PyTorch and MathNet (<see cref="PeersCommand"/>).
/// Every implementation is checked against the generated code before anything is measured.
/// <c>-- stream-throughput …</c> runs <see cref="StreamThroughput"/> instead (scripts/stream-throughput.sh), and <c>-- check</c>
/// only the self-checks (every expert kernel against the generated code, at the vector width this machine runs; a test runs
/// it with and without AVX-512). <c>-- interleaved …</c> times the cell baselines in alternating rounds
/// (<see cref="InterleavedBaselines"/>), for a host too noisy for BenchmarkDotNet's ratios.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["stream-throughput", ..]) return StreamThroughput.Run(args[1..]);
        if (args is ["peers", ..]) return PeersCommand.Run(args[1..]);
        if (args is ["interleaved", ..]) return InterleavedBaselines.Run(args[1..]);
        SelfCheck.Run(verbose: true);
        SelfCheck.Cells(verbose: true);
        if (args is ["check"]) return 0;
        // BenchmarkDotNet builds its own copy of this project, the source generator's models included, before it measures;
        // under `taskset -c 1` on a slow core (a 2.2 GHz Zen 1 guest) that build takes longer than its default limit of
        // two minutes, and the run would end with no rows.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
