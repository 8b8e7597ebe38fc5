using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace RnnGen.Tests.Cli;

/// <summary>
/// Runs the built rnngen tool as a process. The test project compiles the same models itself, so it cannot
/// reference the CLI assembly (the generated types would clash); the project reference with
/// ReferenceOutputAssembly="false" only makes sure the CLI is built first, in the same configuration.
/// </summary>
public static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The folder holding RnnGen.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>src/RnnGen.Cli/bin/&lt;Configuration&gt;/net10.0/RnnGen.Cli.dll, in this test assembly's configuration.</summary>
    public static string ToolPath { get; } = FindTool();

    public static string ModelsFolder => Path.Combine(RepoRoot, "models");

    public static CliRun Run(params string[] args) => RunWithInput(null, args);

    public static CliRun RunWithInput(string? stdin, params string[] args) => RunAssembly(ToolPath, null, stdin, Timeout, args);

    /// <summary>
    /// Runs a built .NET program (<paramref name="assembly"/>, a .dll) from the repository root with <paramref name="stdin"/>
    /// (or none) and, when given, these environment variables set; kills it after <paramref name="timeout"/>.
    /// </summary>
    public static CliRun RunAssembly(
        string assembly, IReadOnlyDictionary<string, string>? environment, string? stdin, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        start.ArgumentList.Add(assembly);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        if (environment is not null) foreach ((string name, string value) in environment) start.Environment[name] = value;

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(assembly)} {string.Join(' ', args)} did not finish within {timeout}.");
        }
        return new CliRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RnnGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No RnnGen.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindTool() => BuiltAssembly(Path.Combine("src", "RnnGen.Cli"), "RnnGen.Cli.dll");

    /// <summary>
    /// <paramref name="project"/>/bin/&lt;Configuration&gt;/&lt;tfm&gt;/<paramref name="assembly"/> under the repository root, in this test
    /// assembly's configuration and framework (a project reference with ReferenceOutputAssembly="false" builds it first).
    /// </summary>
    public static string BuiltAssembly(string project, string assembly)
    {
        // This assembly is tests/RnnGen.Tests/bin/<Configuration>/<tfm>/; the other projects are built the same way.
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        string framework = output.Name;
        string configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected output folder " + output.FullName);
        string path = Path.Combine(FindRepoRoot(), project, "bin", configuration, framework, assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly} is not built at {path}.", path);
    }
}
