using System;
using System.IO;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>
/// scripts/make-speech.sh without espeak-ng, sox or apt: a PATH that lacks them, and a cache that already holds
/// everything. Each run uses a fresh cache folder, never data/cache, and never makes a clip.
/// </summary>
public sealed class MakeSpeechScriptTests
{
    private static readonly string Script = Path.Combine(CliProcess.RepoRoot, "scripts", "make-speech.sh");

    [Fact]
    public void Without_espeak_ng_it_stops_before_making_anything_and_says_what_to_install()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string cache = temp.File("speech");
        (int exit, string stdout, string stderr) = FetchScriptTests.RunScript(Script, FetchScriptTests.PathWithout(temp, "espeak-ng"), "--cache", cache);
        Assert.Equal(3, exit);
        Assert.Equal("make-speech: espeak-ng is not installed: apt-get install espeak-ng (or run with --install)", stderr.Trim());
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public void A_cache_that_holds_both_sets_needs_no_tool_and_is_left_alone()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string cache = temp.File("speech");
        foreach (string marker in new[] { "clean/voices.tsv", "pocketsphinx/transcriptions.tsv" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(cache, marker))!);
            File.WriteAllText(Path.Combine(cache, marker), "made up");
        }
        string bin = FetchScriptTests.PathWithout(temp, "espeak-ng", "sox", "apt-get", "dpkg-deb");
        (int exit, string stdout, string stderr) = FetchScriptTests.RunScript(Script, bin, "--cache", cache);
        Assert.True(exit == 0, stderr);
        Assert.Contains("make-speech: the espeak-ng clips are already in", stdout);
        Assert.Contains("make-speech: the pocketsphinx-testdata clips are already in", stdout);
        Assert.Equal("made up", File.ReadAllText(Path.Combine(cache, "clean/voices.tsv")));
    }

    [Fact]
    public void An_unknown_argument_is_a_usage_error()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        (int exit, _, string stderr) = FetchScriptTests.RunScript(Script, FetchScriptTests.PathWithout(temp), "--cahce", "x");
        Assert.Equal(2, exit);
        Assert.Contains("make-speech: unknown argument '--cahce'", stderr);
    }
}
