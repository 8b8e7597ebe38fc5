using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace RnnGen.Tests.Package;

public sealed record DotnetResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs the dotnet CLI as a user would: outside this test host's MSBuild environment, leaving no server behind.</summary>
public static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static DotnetResult Run(string directory, params string[] arguments) => RunUnderCulture(null, directory, arguments);

    /// <param name="culture">LANG and LC_ALL for the process (and so for the compiler and the generator), or null.</param>
    /// <param name="directory">The working directory.</param>
    /// <param name="arguments">The CLI's arguments.</param>
    public static DotnetResult RunUnderCulture(string? culture, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No MSBuild worker nodes or MSBuild server outliving the command (the compiler server is turned off per build).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        if (culture is not null)
        {
            start.Environment["LANG"] = culture;
            start.Environment["LC_ALL"] = culture;
        }
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new DotnetResult(-1, $"timed out after {Timeout}: dotnet {string.Join(' ', arguments)}\n{stdout.Result}{stderr.Result}");
        }
        return new DotnetResult(process.ExitCode, $"> dotnet {string.Join(' ', arguments)}\n{stdout.Result}{stderr.Result}");
    }

    /// <summary>The build arguments every consumer build uses: no compiler server, so nothing outlives the build.</summary>
    public static IEnumerable<string> BuildFlags => new[] { "-p:UseSharedCompilation=false", "-nodeReuse:false" };
}
