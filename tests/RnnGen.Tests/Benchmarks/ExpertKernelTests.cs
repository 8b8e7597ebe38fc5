using System;
using System.Collections.Generic;
using System.IO;
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
        // .NET 10 reads DOTNET_EnableAVX512 (with DOTNET_EnableAVX512F alone, Vector512 stays accelerated); earlier runtimes read the F form.
        var environment = enableAvx512 is null ? null : new Dictionary<string, string>
        {
            ["DOTNET_EnableAVX512"] = enableAvx512,
            ["DOTNET_EnableAVX512F"] = enableAvx512,
        };
        string benchmarks = CliProcess.BuiltAssembly(Path.Combine("tests", "RnnGen.Benchmarks"), "RnnGen.Benchmarks.dll");
        CliRun run = CliProcess.RunAssembly(benchmarks, environment, null, Timeout, "check");

        Assert.True(run.ExitCode == 0, $"check exited with {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("Self-check passed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cell self-check passed: 16 expert GRU/LSTM kernels", run.Stdout, StringComparison.Ordinal);
        if (enableAvx512 == "0") Assert.Contains("Vector512.IsHardwareAccelerated = False", run.Stdout, StringComparison.Ordinal);
    }
}
