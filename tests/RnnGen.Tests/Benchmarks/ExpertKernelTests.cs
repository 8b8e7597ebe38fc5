using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Benchmarks;

/// <summary>
/// The benchmarks' baselines are only worth their ratios if they compute what the generated code computes: the
/// benchmark program's <c>check</c> runs every expert kernel (the Elman name tagger, the 16 GRU and LSTM cells) against
/// the generated models and fails on a difference above 1e-4. Run twice: at the widest vectors this machine has, and
/// with AVX-512 switched off in the runtime, so the AVX2 form of the kernels is checked on an AVX-512 machine too.
/// </summary>
public sealed class ExpertKernelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void Every_expert_kernel_computes_what_the_generated_code_computes(string? enableAvx512)
    {
        (int exit, string stdout, string stderr) = RunCheck(enableAvx512);

        Assert.True(exit == 0, $"check exited with {exit}:\n{stdout}\n{stderr}");
        Assert.Contains("Self-check passed", stdout, StringComparison.Ordinal);
        Assert.Contains("Cell self-check passed: 16 expert GRU/LSTM kernels", stdout, StringComparison.Ordinal);
        if (enableAvx512 == "0") Assert.Contains("Vector512.IsHardwareAccelerated = False", stdout, StringComparison.Ordinal);
    }

    private static (int Exit, string Stdout, string Stderr) RunCheck(string? enableAvx512)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = CliProcess.RepoRoot,
        };
        start.ArgumentList.Add(BenchmarksPath());
        start.ArgumentList.Add("check");
        if (enableAvx512 is not null) start.Environment["DOTNET_EnableAVX512F"] = enableAvx512;

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"RnnGen.Benchmarks check did not finish within {Timeout}.");
        }
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>tests/RnnGen.Benchmarks/bin/&lt;Configuration&gt;/&lt;tfm&gt;/RnnGen.Benchmarks.dll, built first by the project reference.</summary>
    private static string BenchmarksPath()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        string configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected output folder " + output.FullName);
        string path = Path.Combine(CliProcess.RepoRoot, "tests", "RnnGen.Benchmarks", "bin", configuration, output.Name, "RnnGen.Benchmarks.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The benchmark program is not built at {path}.", path);
    }
}
