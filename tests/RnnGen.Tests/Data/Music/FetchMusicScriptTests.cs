using System;
using System.IO;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Data.Music;

/// <summary>scripts/fetch-music.sh without the network or apt: a PATH without apt-get, a full cache, a bad argument.</summary>
public sealed class FetchMusicScriptTests
{
    private static readonly string Script = Path.Combine(CliProcess.RepoRoot, "scripts", "fetch-music.sh");

    [Fact]
    public void Without_apt_get_it_stops_before_fetching_and_says_so()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string cache = temp.File("cache");
        (int exit, string stdout, string stderr) = FetchScriptTests.RunScript(Script, FetchScriptTests.PathWithout(temp, "apt-get"), "--cache", cache);
        Assert.Equal(3, exit);
        Assert.StartsWith("fetch-music: apt-get is not installed: apt-get is Debian's package tool", stderr.Trim());
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public void A_cache_that_holds_both_packages_needs_no_tool_and_is_left_alone()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        string cache = temp.File("cache");
        foreach (string package in new[] { "abcmidi", "abcm2ps" })
        {
            string doc = Path.Combine(cache, package, "usr", "share", "doc", package);
            Directory.CreateDirectory(Path.Combine(doc, "examples"));
            File.WriteAllText(Path.Combine(doc, "copyright"), "made up");
        }
        (int exit, string stdout, string stderr) = FetchScriptTests.RunScript(
            Script, FetchScriptTests.PathWithout(temp, "apt-get", "dpkg-deb", "sha256sum"), "--cache", cache);
        Assert.True(exit == 0, stderr);
        Assert.Contains("fetch-music: abcmidi is already in", stdout);
        Assert.Contains("fetch-music: abcm2ps is already in", stdout);
        Assert.Equal("made up", File.ReadAllText(Path.Combine(cache, "abcm2ps", "usr", "share", "doc", "abcm2ps", "copyright")));
    }

    [Fact]
    public void An_unknown_argument_is_a_usage_error()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempFolder();
        (int exit, _, string stderr) = FetchScriptTests.RunScript(Script, FetchScriptTests.PathWithout(temp), "--cahce", "x");
        Assert.Equal(2, exit);
        Assert.Contains("fetch-music: unknown argument '--cahce'", stderr);
    }
}
