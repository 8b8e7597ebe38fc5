using System;
using System.Linq;

namespace RnnGen.Tests.Cli;

/// <summary>What one run of the rnngen process gave: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout's lines, without the final empty one.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Stderr's lines, without the final empty one.</summary>
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
