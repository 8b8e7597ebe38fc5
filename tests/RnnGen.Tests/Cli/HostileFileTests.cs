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
        Assert.Equal($"{temp.File("big.txt")}(1,1): error RNN0031: RnnGen does not read this file: it is 41,943,040 bytes long, more than the 33,554,432 (32 MiB) RnnGen reads of a vocabulary", tooBig.Lines[0]);

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
}
