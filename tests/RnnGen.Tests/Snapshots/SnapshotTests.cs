using System;
using System.IO;
using System.Text;
using Xunit;

namespace RnnGen.Tests.Snapshots;

/// <summary>
/// Tests of the snapshot helper. All but one drive <see cref="SnapshotCore"/> in a temporary
/// folder with explicit environment values, so they neither read the real environment nor write
/// into the repository.
/// </summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly string _dir;
    private readonly SnapshotPaths _paths;

    public SnapshotTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "rnngen-snapshot-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _paths = SnapshotCore.PathsFor(Path.Combine(_dir, "SampleTests.cs"), "Forward_pass", null, "txt");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private void WriteVerified(string text) => File.WriteAllText(_paths.Verified, text, new UTF8Encoding(false));

    [Fact]
    public void Paths_follow_Verify_file_names()
    {
        string source = Path.Combine(_dir, "GeneratorTests.cs");
        SnapshotPaths plain = SnapshotCore.PathsFor(source, "Emits_NameTagger", null, "cs");
        SnapshotPaths named = SnapshotCore.PathsFor(source, "Emits_NameTagger", "weights", ".json");

        Assert.Equal("GeneratorTests.Emits_NameTagger", plain.Title);
        Assert.Equal(Path.Combine(_dir, "GeneratorTests.Emits_NameTagger.verified.cs"), plain.Verified);
        Assert.Equal(Path.Combine(_dir, "GeneratorTests.Emits_NameTagger.received.cs"), plain.Received);
        Assert.Equal(Path.Combine(_dir, "GeneratorTests.Emits_NameTagger.weights.verified.json"), named.Verified);
        Assert.Equal(Path.Combine(_dir, "GeneratorTests.Emits_NameTagger.weights.received.json"), named.Received);
    }

    [Fact]
    public void Matching_text_passes_and_deletes_a_stale_received_file()
    {
        WriteVerified(Lines("a<1>", "a<2>"));
        File.WriteAllText(_paths.Received, "old");

        SnapshotResult result = SnapshotCore.Run(Lines("a<1>", "a<2>"), _paths, acceptValue: null, ciValue: null);

        Assert.Equal(SnapshotAction.Pass, result.Action);
        Assert.False(File.Exists(_paths.Received));
    }

    [Fact]
    public void Mismatch_fails_names_the_line_and_writes_the_received_file()
    {
        WriteVerified(Lines("one", "two", "three", "four", "five", "six"));
        string actual = Lines("one", "two", "three", "four", "FIVE", "six");

        SnapshotResult result = SnapshotCore.Run(actual, _paths, acceptValue: null, ciValue: null);

        Assert.Equal(SnapshotAction.Fail, result.Action);
        Assert.False(result.Passed);
        Assert.Contains("First difference at line 5", result.Message, StringComparison.Ordinal);
        Assert.Contains("-     5 | five", result.Message, StringComparison.Ordinal);
        Assert.Contains("+     5 | FIVE", result.Message, StringComparison.Ordinal);
        Assert.Contains("      4 | four", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("      1 | one", result.Message, StringComparison.Ordinal);
        Assert.Contains(_paths.Verified, result.Message, StringComparison.Ordinal);
        Assert.Contains(_paths.Received, result.Message, StringComparison.Ordinal);
        Assert.Contains(Snapshot.AcceptVariable + "=1", result.Message, StringComparison.Ordinal);
        Assert.Equal(actual, File.ReadAllText(_paths.Received));
        Assert.Equal(Lines("one", "two", "three", "four", "five", "six"), File.ReadAllText(_paths.Verified));
    }

    [Fact]
    public void Missing_verified_file_fails_and_writes_the_received_file()
    {
        SnapshotResult result = SnapshotCore.Run(Lines("new"), _paths, acceptValue: null, ciValue: null);

        Assert.Equal(SnapshotAction.Fail, result.Action);
        Assert.Contains("has no verified file yet", result.Message, StringComparison.Ordinal);
        Assert.Contains(_paths.Verified + " (missing)", result.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(_paths.Received));
        Assert.False(File.Exists(_paths.Verified));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Accept_mode_writes_the_verified_file_with_LF_and_no_BOM(string accept)
    {
        WriteVerified("stale\n");
        File.WriteAllText(_paths.Received, "stale\n");

        SnapshotResult result = SnapshotCore.Run("x\r\ny\r\n", _paths, acceptValue: accept, ciValue: "false");

        Assert.True(result.Passed);
        Assert.Equal(SnapshotAction.Accept, result.Action);
        Assert.Equal(Encoding.UTF8.GetBytes("x\ny\n"), File.ReadAllBytes(_paths.Verified));
        Assert.False(File.Exists(_paths.Received));
    }

    [Fact]
    public void Accept_mode_writes_a_missing_verified_file()
    {
        SnapshotResult result = SnapshotCore.Run("ŷ<1> = 0.5\n", _paths, acceptValue: "1", ciValue: null);

        Assert.Equal(SnapshotAction.Accept, result.Action);
        Assert.Equal(new UTF8Encoding(false).GetBytes("ŷ<1> = 0.5\n"), File.ReadAllBytes(_paths.Verified));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("")]
    public void Other_values_do_not_accept(string accept)
    {
        SnapshotResult result = SnapshotCore.Run("x\n", _paths, acceptValue: accept, ciValue: null);

        Assert.Equal(SnapshotAction.Fail, result.Action);
        Assert.False(File.Exists(_paths.Verified));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    public void CI_blocks_accept_and_says_why(string ci)
    {
        WriteVerified("old\n");

        SnapshotResult result = SnapshotCore.Run("new\n", _paths, acceptValue: "1", ciValue: ci);

        Assert.Equal(SnapshotAction.Fail, result.Action);
        Assert.Contains("never accepted on CI", result.Message, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(_paths.Verified));
        Assert.Equal("new\n", File.ReadAllText(_paths.Received));
    }

    [Fact]
    public void CI_still_passes_a_match()
    {
        WriteVerified("same\n");

        Assert.Equal(SnapshotAction.Pass, SnapshotCore.Run("same\n", _paths, acceptValue: "1", ciValue: "true").Action);
    }

    [Fact]
    public void CRLF_and_LF_are_equal()
    {
        WriteVerified("Sam\r\nLi\r\nand\r\n");

        Assert.Equal(SnapshotAction.Pass, SnapshotCore.Run("Sam\nLi\nand\n", _paths, null, null).Action);
        WriteVerified("Sam\nLi\nand\n");
        Assert.Equal(SnapshotAction.Pass, SnapshotCore.Run("Sam\r\nLi\r\nand\r\n", _paths, null, null).Action);
    }

    [Fact]
    public void A_missing_final_newline_is_a_difference_and_is_pointed_out()
    {
        SnapshotResult result = SnapshotCore.Decide("a\nb", "a\nb\n", _paths, null, null);

        Assert.Equal(SnapshotAction.Fail, result.Action);
        Assert.Contains("First difference at line 3", result.Message, StringComparison.Ordinal);
        Assert.Contains("(end of text)", result.Message, StringComparison.Ordinal);
        Assert.Contains("only in the final newline", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "a", 0)]
    [InlineData("a\nb", "a\nc", 2)]
    [InlineData("a", "a\nb", 2)]
    [InlineData("x\ny", "a\ny", 1)]
    public void FirstDifferentLine_is_one_based(string expected, string actual, int line)
    {
        Assert.Equal(line, SnapshotCore.FirstDifferentLine(expected, actual));
    }

    [Fact]
    public void Mapped_CI_source_paths_resolve_to_the_checkout()
    {
        // Deterministic CI builds map the repository root to /_/ in [CallerFilePath].
        string repo = Path.Combine(_dir, "repo");
        string testsDir = Path.Combine(repo, "tests", "RnnGen.Tests", "Snapshots");
        string binDir = Path.Combine(repo, "tests", "RnnGen.Tests", "bin", "Debug", "net10.0");
        Directory.CreateDirectory(testsDir);
        Directory.CreateDirectory(binDir);

        string resolved = SnapshotCore.ResolveSourceFile("/_/tests/RnnGen.Tests/Snapshots/SnapshotTests.cs", binDir, Directory.Exists);

        Assert.Equal(Path.Combine(testsDir, "SnapshotTests.cs"), resolved);
        string real = Path.Combine(testsDir, "SnapshotTests.cs");
        Assert.Equal(real, SnapshotCore.ResolveSourceFile(real, binDir, Directory.Exists));
    }

    [Fact]
    public void Verify_matches_its_committed_snapshot()
    {
        // End to end through the public entry point, against SnapshotTests.Verify_matches_its_committed_snapshot.verified.txt.
        Snapshot.Verify(Lines("Sam Li and Tom date on Tuesday.", "1 1 0 1 0 0 0"));
    }

    [Fact]
    public void Failures_are_xunit_test_failures()
    {
        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(new SnapshotMismatchException("m"));
    }
}
