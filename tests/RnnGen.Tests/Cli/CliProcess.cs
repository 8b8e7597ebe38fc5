using System;
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

    public static CliRun RunWithInput(string? stdin, params string[] args)
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
        start.ArgumentList.Add(ToolPath);
        foreach (string arg in args) start.ArgumentList.Add(arg);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rnngen {string.Join(' ', args)} did not finish within {Timeout}.");
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

    private static string FindTool()
    {
        // This assembly is tests/RnnGen.Tests/bin/<Configuration>/<tfm>/; the CLI is built the same way.
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        string framework = output.Name;
        string configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected output folder " + output.FullName);
        string tool = Path.Combine(FindRepoRoot(), "src", "RnnGen.Cli", "bin", configuration, framework, "RnnGen.Cli.dll");
        return File.Exists(tool) ? tool : throw new FileNotFoundException($"The rnngen tool is not built at {tool}.", tool);
    }
}
