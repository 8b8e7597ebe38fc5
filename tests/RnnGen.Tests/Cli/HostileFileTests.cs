using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using RnnGen.Tests.Diagnostics;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// rnngen given files that are not what they claim: directories, FIFOs, devices, huge files. Each ends quickly with
/// one clear line (or the build's diagnostic), never a hang, an out-of-memory crash or a misleading "cannot find".
/// </summary>
public sealed class HostileFileTests
{
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int mkfifo(string path, uint mode);

    private static bool Unix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    [Fact]
    public void Check_reads_only_the_named_vocabulary_and_no_pipe_device_or_huge_file()
    {
        if (!Unix) return;
        using var temp = new TempFolder();
        Assert.Equal(0, mkfifo(temp.File("fifo.txt"), Convert.ToUInt32("644", 8)));
        File.CreateSymbolicLink(temp.File("zero.txt"), "/dev/zero");
        using (FileStream big = File.Create(temp.File("big.txt"))) big.SetLength(40L << 20);
        File.WriteAllText(temp.File(Specs.VocabularyFile), Specs.Words);
        File.WriteAllText(temp.File("tagger.rnn.json"), Specs.Valid);
        var watch = Stopwatch.StartNew();

        CliRun ok = CliProcess.Run("check", temp.File("tagger.rnn.json"));
        Assert.True(ok.ExitCode == 0, ok.ToString());

        foreach (string name in new[] { "fifo", "zero" })
        {
            File.WriteAllText(temp.File(name + ".rnn.json"), Specs.Valid.Replace(Specs.VocabularyFile, name + ".txt", StringComparison.Ordinal));
            CliRun run = CliProcess.Run("check", temp.File(name + ".rnn.json"));
            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"{temp.File(name + ".rnn.json")}(4,47): error RNN0012: The vocabulary '{name}.txt' has no line '<UNK>'; add one so that words outside the vocabulary have an index", run.Lines[0]);
        }
        File.WriteAllText(temp.File("big.rnn.json"), Specs.Valid.Replace(Specs.VocabularyFile, "big.txt", StringComparison.Ordinal));
        CliRun tooBig = CliProcess.Run("check", temp.File("big.rnn.json"));
        Assert.Equal(1, tooBig.ExitCode);
        Assert.Equal($"{temp.File("big.txt")}(1,1): error RNN0031: RnnGen does not read this file: it is 41,943,040 bytes long, more than the 16,777,216 (16 MiB) RnnGen reads of a vocabulary", tooBig.Lines[0]);

        File.CreateSymbolicLink(temp.File("devzero.rnn.json"), "/dev/zero");
        CliRun zeroSpec = CliProcess.Run("check", temp.File("devzero.rnn.json"));
        Assert.Equal(1, zeroSpec.ExitCode);
        Assert.StartsWith($"{temp.File("devzero.rnn.json")}(1,1): error RNN0001: The spec is not valid JSON: the file is empty", zeroSpec.Lines[0], StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(50), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Check_says_a_directory_is_a_directory()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("dir.rnn.json"));
        CliRun run = CliProcess.Run("check", temp.File("dir.rnn.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"rnngen: error: the spec '{temp.File("dir.rnn.json")}' is a directory, not a file", Assert.Single(run.ErrorLines));

        Directory.CreateDirectory(temp.File(Specs.VocabularyFile));
        File.WriteAllText(temp.File("tagger.rnn.json"), Specs.Valid);
        run = CliProcess.Run("check", temp.File("tagger.rnn.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{temp.File(Specs.VocabularyFile)}(1,1): error RNN0031: RnnGen does not read this file: it is a directory", run.Lines[0]);
    }

    private static string NameTaggerWeights => Path.Combine(CliProcess.ModelsFolder, "name-tagger.safetensors");

    [Fact]
    public void Directories_given_as_weights_input_or_out_are_named_as_directories()
    {
        using var temp = new TempFolder();
        CliRun weights = CliProcess.Run("run", "name-tagger", "--weights", temp.Path, "--input", "-");
        Assert.Equal(1, weights.ExitCode);
        Assert.Equal($"rnngen: error: {temp.Path}: it is a directory, not a safetensors file", Assert.Single(weights.ErrorLines));

        CliRun input = CliProcess.Run("run", "name-tagger", "--weights", NameTaggerWeights, "--input", temp.Path);
        Assert.Equal(1, input.ExitCode);
        Assert.Equal($"rnngen: error: the input '{temp.Path}' is a directory, not a file", Assert.Single(input.ErrorLines));

        CliRun output = CliProcess.Run("init", "name-tagger", "--seed", "1", "--out", temp.Path);
        Assert.Equal(1, output.ExitCode);
        Assert.Equal($"rnngen: error: --out '{temp.Path}' is a directory; name the file to write", Assert.Single(output.ErrorLines));

        CliRun tag = CliProcess.Run("tag", "name-tagger", "Sam", "--weights", temp.Path);
        Assert.Equal(1, tag.ExitCode);
        Assert.Equal($"rnngen: error: {temp.Path}: it is a directory, not a safetensors file", Assert.Single(tag.ErrorLines));
    }

    [Fact]
    public void Run_ends_quickly_with_one_line_on_endless_or_huge_input()
    {
        if (!Unix) return;
        var watch = Stopwatch.StartNew();
        CliRun zero = CliProcess.Run("run", "name-tagger", "--weights", NameTaggerWeights, "--input", "/dev/zero");
        Assert.Equal(1, zero.ExitCode);
        Assert.Equal("", zero.Stdout);
        Assert.Equal("rnngen: error: line 1 is longer than 16,777,216 characters (16 Mi), the longest line 'rnngen run' reads", Assert.Single(zero.ErrorLines));

        CliRun weights = CliProcess.Run("run", "name-tagger", "--weights", "/dev/zero", "--input", "/dev/zero");
        Assert.Equal(1, weights.ExitCode);
        Assert.StartsWith("rnngen: error: /dev/zero: the file is empty (0 bytes), or is not a regular file", Assert.Single(weights.ErrorLines), StringComparison.Ordinal);

        // One line of 200,000 characters is as many DNA tokens: it streams (run holds one line at a time), answered in one JSON line.
        CliRun longLine = CliProcess.RunWithInput(new string('A', 200_000) + "\n", "run", "dna-sites", "--weights",
            Path.Combine(CliProcess.ModelsFolder, "dna-sites.safetensors"));
        Assert.True(longLine.ExitCode == 0, longLine.Stderr);
        Assert.Equal(200_000, Assert.Single(longLine.Lines).Split("],[").Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(50), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Run_messages_show_at_most_eighty_characters_of_an_input_field()
    {
        string id = "1" + new string('0', 100_000);
        CliRun run = CliProcess.RunWithInput(id + "\n", "run", "name-tagger", "--weights", NameTaggerWeights, "--format", "ids");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"rnngen: error: line 1: token id 1{new string('0', 79)}… (100,001 characters) (token 1) is out of range; model 'name-tagger' reads ids 0 to 9999",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Check_names_the_encoding_of_a_UTF16_spec_without_a_byte_order_mark_and_reads_one_with_it()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(Specs.VocabularyFile), Specs.Words);
        File.WriteAllBytes(temp.File("bare.rnn.json"), System.Text.Encoding.Unicode.GetBytes(Specs.Valid));
        File.WriteAllBytes(temp.File("marked.rnn.json"), [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(Specs.Valid)]);

        CliRun bare = CliProcess.Run("check", temp.File("bare.rnn.json"));
        Assert.Equal(1, bare.ExitCode);
        Assert.Equal($"{temp.File("bare.rnn.json")}(1,1): error RNN0001: The spec is not valid JSON: the file looks like UTF-16 (little-endian) "
            + "without a byte-order mark: every other character is U+0000; save it as UTF-8", bare.Lines[0]);

        CliRun marked = CliProcess.Run("check", temp.File("marked.rnn.json"));
        Assert.True(marked.ExitCode == 0, marked.ToString());
    }
}
