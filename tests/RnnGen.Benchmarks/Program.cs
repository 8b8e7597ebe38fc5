using BenchmarkDotNet.Running;

namespace RnnGen.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/RnnGen.Benchmarks -- --filter '*'</c>.
/// Every implementation is checked against the generated code before anything is measured.
/// <c>-- stream-throughput …</c> runs <see cref="StreamThroughput"/> instead (scripts/stream-throughput.sh).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["stream-throughput", ..]) return StreamThroughput.Run(args[1..]);
        SelfCheck.Run(verbose: true);
        SelfCheck.Cells(verbose: true);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
