using System;
using System.Diagnostics;
using System.IO;
using RnnGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Release;

/// <summary>
/// scripts/release-check.sh, run on a tree of the files its checks read (not on the repository, which may or may not
/// be at a release), with a stand-in .ci/run: each broken precondition stops the gate at its own step with a message that
/// names the file, and a release-ready copy passes the file checks and reaches CI.
/// </summary>
public sealed class ReleaseCheckTests(ITestOutputHelper log)
{
    private const string Version = "9.8.7";

    /// <summary>
    /// A tree in which every file check passes for <see cref="Version"/>, as a release commit leaves it: the files the
    /// checks read, written here (so the test does not depend on whether the repository itself is at a release),
    /// the script itself, and a stand-in for CI that fails.
    /// </summary>
    private static string ReleaseReadyCopy()
    {
        string root = Directory.CreateTempSubdirectory("rnngen-release").FullName;
        void Write(string file, string text)
        {
            string path = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
        Write("scripts/release-check.sh", File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "release-check.sh")));
        Write(".ci/run", "echo 'stand-in CI'; echo '0 passed, 1 failed'; exit 1\n");
        Directory.CreateDirectory(Path.Combine(root, "tests"));
        Write("Directory.Build.props", $"<Project>\n  <PropertyGroup>\n    <VersionPrefix>{Version}</VersionPrefix>\n  </PropertyGroup>\n</Project>\n");
        Write("generators/RnnGen.Generators/Emit/GeneratorInfo.cs", $"internal static class GeneratorInfo\n{{\n    public const string Version = \"{Version}\";\n}}\n");
        Write("CHANGELOG.md", $"""
            # Changelog

            Sections `## [version] - YYYY-MM-DD`, and `## [Unreleased]`.

            ## [Unreleased]

            ## [{Version}] - 2026-12-02

            ### Added

            - Everything.

            ## [9.8.6] - 2026-11-01

            - Older.

            """);
        Write("src/RnnGen/PublicAPI.Shipped.txt", "#nullable enable\nRnnGen.Tensor\n");
        Write("src/RnnGen/PublicAPI.Unshipped.txt", "#nullable enable\n");
        Write("generators/RnnGen.Generators/AnalyzerReleases.Shipped.md", $"""
            ; Shipped analyzer releases

            ## Release {Version}

            ### New Rules

            Rule ID | Category | Severity | Notes
            --------|----------|----------|-------
            RNN0001 | RnnGen | Error | The spec is not valid JSON

            """);
        Write("generators/RnnGen.Generators/AnalyzerReleases.Unshipped.md", "; Unshipped analyzer release\n");
        return root;
    }

    private static string Replace(string text, string pattern, string replacement)
    {
        string result = System.Text.RegularExpressions.Regex.Replace(text, pattern, replacement);
        Assert.NotEqual(text, result);
        return result;
    }

    private static void Edit(string root, string file, Func<string, string> change) =>
        File.WriteAllText(Path.Combine(root, file), change(File.ReadAllText(Path.Combine(root, file))));

    private (int Exit, string Output) Run(string root, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "release-check.sh"));
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEndAsync().Result + p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "release-check.sh did not finish");
        log.WriteLine(output);
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        return (p.ExitCode, output);
    }

    [Fact]
    public void A_release_ready_tree_passes_the_file_checks_and_stops_at_the_first_failing_step_CI()
    {
        (int exit, string output) = Run(ReleaseReadyCopy(), "--allow-dirty", Version);
        Assert.Equal(1, exit);
        for (int step = 1; step <= 5; step++) Assert.Contains($"step {step}/8", output, StringComparison.Ordinal);
        Assert.Contains("FAILED at step 6/8 (CI is green", output, StringComparison.Ordinal);
        Assert.Contains("0 passed, 1 failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("step 7/8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_a_git_work_tree_it_stops_at_step_1()
    {
        (int exit, string output) = Run(ReleaseReadyCopy(), Version);
        Assert.Equal(1, exit);
        Assert.Contains("FAILED at step 1/8 (the work tree is committed): not a git work tree", output, StringComparison.Ordinal);
        Assert.DoesNotContain("step 2/8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_received_snapshot_stops_it_at_step_2()
    {
        string root = ReleaseReadyCopy();
        File.WriteAllText(Path.Combine(root, "tests", "X.Y.received.txt"), "new");
        (int exit, string output) = Run(root, "--allow-dirty");
        Assert.Equal(1, exit);
        Assert.Contains("FAILED at step 2/8 (no snapshot waits to be accepted): *.received.* files exist", output, StringComparison.Ordinal);
        Assert.Contains("tests/X.Y.received.txt", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9.8.8", "VersionPrefix in Directory.Build.props is '9.8.7', not '9.8.8'")]
    [InlineData("9.8", "'9.8' is not a SemVer version")]
    public void A_version_that_is_not_the_one_version_stops_it_at_step_3(string version, string message)
    {
        (int exit, string output) = Run(ReleaseReadyCopy(), "--allow-dirty", version);
        Assert.Equal(1, exit);
        Assert.Contains($"FAILED at step 3/8 (one version: {version}): {message}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_stamp_of_another_version_stops_it_at_step_3()
    {
        string root = ReleaseReadyCopy();
        Edit(root, "generators/RnnGen.Generators/Emit/GeneratorInfo.cs", s => Replace(s, @"Version = ""[^""]*"";", @"Version = ""9.8.6"";"));
        (int exit, string output) = Run(root, "--allow-dirty");
        Assert.Equal(1, exit);
        Assert.Contains("FAILED at step 3/8 (one version: 9.8.7): GeneratorInfo.Version", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_Unreleased_changelog_section_stops_it_at_step_4()
    {
        string root = ReleaseReadyCopy();
        Edit(root, "CHANGELOG.md", s => s.Replace($"## [{Version}] - 2026-12-02", "", StringComparison.Ordinal));
        (int exit, string output) = Run(root, "--allow-dirty");
        Assert.Equal(1, exit);
        Assert.Contains($"FAILED at step 4/8 (CHANGELOG.md has an entry for {Version}): CHANGELOG.md has no section '## [{Version}] - YYYY-MM-DD'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("step 5/8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unshipped_public_API_stops_it_at_step_5()
    {
        string root = ReleaseReadyCopy();
        File.AppendAllText(Path.Combine(root, "src/RnnGen/PublicAPI.Unshipped.txt"), "RnnGen.Tensor.Extra() -> void\n");
        (int exit, string output) = Run(root, "--allow-dirty");
        Assert.Equal(1, exit);
        Assert.Contains("FAILED at step 5/8 (the public API and the analyzer releases are up to date): src/RnnGen/PublicAPI.Unshipped.txt still lists 1 APIs", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unshipped_diagnostic_ids_stop_it_at_step_5()
    {
        string root = ReleaseReadyCopy();
        File.AppendAllText(Path.Combine(root, "generators/RnnGen.Generators/AnalyzerReleases.Unshipped.md"),
            "\n### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\nRNN0031 | RnnGen | Error | New\n");
        (int exit, string output) = Run(root, "--allow-dirty");
        Assert.Equal(1, exit);
        Assert.Contains("AnalyzerReleases.Unshipped.md still lists 1 rules", output, StringComparison.Ordinal);
    }
}
