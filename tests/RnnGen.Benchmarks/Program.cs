using BenchmarkDotNet.Running;

namespace RnnGen.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/RnnGen.Benchmarks -- --filter '*'</c>.
/// Every implementation is checked against the generated code before anything is measured.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        SelfCheck.Run(verbose: true);
        SelfCheck.Cells(verbose: true);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
