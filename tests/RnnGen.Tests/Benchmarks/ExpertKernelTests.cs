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

    [Fact]
    public void The_interleaved_command_times_both_sides_and_the_generated_side_allocates_nothing()
    {
        string benchmarks = CliProcess.BuiltAssembly(Path.Combine("tests", "RnnGen.Benchmarks"), "RnnGen.Benchmarks.dll");
        CliRun run = CliProcess.RunAssembly(benchmarks, null, null, Timeout, "interleaved", "--rounds", "3", "--cells", "gru,lstm", "--sizes", "16", "--inputs", "dense");

        Assert.True(run.ExitCode == 0, $"interleaved exited with {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        foreach (string cell in new[] { "GRU", "LSTM" })
        {
            string row = Array.Find(run.Stdout.Split('\n'), line => line.StartsWith($"| {cell} | dense 16 | 16 |", StringComparison.Ordinal))
                         ?? throw new Xunit.Sdk.XunitException($"no {cell} row in:\n{run.Stdout}");
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
            // | cell | input | H | expert ns | generated ns | ratio | range | B/step |
            Assert.True(double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
            Assert.True(double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
            Assert.Equal("0", cells[8]);
        }
    }

    [Theory]
    [InlineData("--sizes 24", "--sizes: '24' is not a hidden size of the baselines (16, 32, 64, 128).")]
    [InlineData("--cells rnn", "--cells: 'rnn' is not a cell of the baselines (gru, lstm).")]
    [InlineData("--rounds 2", "--rounds '2' is not a whole number from 3 to 10000.")]
    [InlineData("--inputs sparse", "--inputs: 'sparse' is not an input of the baselines (dense, onehot).")]
    [InlineData("--rounds", "--rounds needs a value.")]
    [InlineData("--fast yes", "'--fast' is not an option.")]
    public void The_interleaved_command_names_a_bad_argument_and_measures_nothing(string arguments, string message)
    {
        string benchmarks = CliProcess.BuiltAssembly(Path.Combine("tests", "RnnGen.Benchmarks"), "RnnGen.Benchmarks.dll");
        var args = new List<string> { "interleaved" };
        args.AddRange(arguments.Split(' '));
        CliRun run = CliProcess.RunAssembly(benchmarks, null, null, Timeout, args.ToArray());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("interleaved: " + message, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: interleaved", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("| GRU", run.Stdout, StringComparison.Ordinal);
    }
}
