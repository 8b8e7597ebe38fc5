using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Cli;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// The generator reads only the specs and the vocabularies they name, only files whose length on disk is known, and
/// only up to a cap: a FIFO, a link to /dev/zero or a huge file in the models folder (named by a spec or not) can
/// neither hang the build nor exhaust its memory (InputFiles).
/// </summary>
public sealed class FileGateTests
{
    /// <summary>An AdditionalText on disk, as the compiler's: GetText reads the file. The paths it reads are recorded.</summary>
    private sealed class DiskAdditionalText(string path, ConcurrentBag<string> reads) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            reads.Add(Path);
            if (!File.Exists(Path) || new FileInfo(Path).Length == 0 || new FileInfo(Path).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                // A FIFO would block here and /dev/zero never end: the generator must not ask for these.
                throw new InvalidOperationException("the generator asked for the text of " + Path);
            }
            return SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8);
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int mkfifo(string path, uint mode);

    private static bool CanMakeSpecialFiles => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>A models folder on disk: the valid spec and vocabulary, a FIFO, a link to /dev/zero and a 40 MB sparse file, all *.txt.</summary>
    private static TempFolder HostileFolder()
    {
        var temp = new TempFolder();
        File.WriteAllText(temp.File(Specs.SpecFile), Specs.Valid);
        File.WriteAllText(temp.File(Specs.VocabularyFile), Specs.Words);
        Assert.Equal(0, mkfifo(temp.File("fifo.txt"), Convert.ToUInt32("644", 8)));
        File.CreateSymbolicLink(temp.File("zero.txt"), "/dev/zero");
        using (FileStream big = File.Create(temp.File("big.txt"))) big.SetLength(40L << 20);
        return temp;
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, System.Collections.Generic.IReadOnlyDictionary<string, string> Sources, string[] Reads) Build(TempFolder temp)
    {
        var reads = new ConcurrentBag<string>();
        AdditionalText[] files = Directory.GetFiles(temp.Path).Order(StringComparer.Ordinal)
            .Select(p => (AdditionalText)new DiskAdditionalText(p, reads)).ToArray();
        var (diagnostics, sources) = AdditionalTextRun.Run(temp.Path, files);
        return (diagnostics, sources, reads.Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray());
    }

    private static string Describe(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        return $"{d.Id} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): "
            + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Files_no_spec_names_are_never_read_whatever_they_are()
    {
        if (!CanMakeSpecialFiles) return;
        using TempFolder temp = HostileFolder();

        var (diagnostics, sources, reads) = Build(temp);

        Assert.Empty(diagnostics);
        Assert.Equal(Specs.TaggerSources.Order(StringComparer.Ordinal), sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([Specs.SpecFile, Specs.VocabularyFile], reads);
    }

    [Fact]
    [Covers("RNN0031")]
    public void Named_files_that_are_pipes_devices_or_too_large_are_not_read()
    {
        if (!CanMakeSpecialFiles) return;
        using TempFolder temp = HostileFolder();
        File.Delete(temp.File(Specs.SpecFile));
        foreach (string name in new[] { "fifo", "zero", "big" })
        {
            File.WriteAllText(temp.File(name + ".rnn.json"), Specs.Valid.Replace("\"Tagger\"", $"\"Tagger{name}\"", StringComparison.Ordinal)
                .Replace(Specs.VocabularyFile, name + ".txt", StringComparison.Ordinal));
        }
        // A spec that is a link to /dev/zero, and one of 5 MB.
        File.CreateSymbolicLink(temp.File("devzero.rnn.json"), "/dev/zero");
        using (FileStream big = File.Create(temp.File("huge.rnn.json"))) big.SetLength(5L << 20);

        var (diagnostics, sources, reads) = Build(temp);

        Assert.Equal(
            new[]
            {
                "RNN0001 devzero.rnn.json(1,1): The spec is not valid JSON: the file is empty; a spec is a JSON object such as { \"name\": \"MyModel\", ... }",
                "RNN0012 fifo.rnn.json(4,47): The vocabulary 'fifo.txt' has no line '<UNK>'; add one so that words outside the vocabulary have an index",
                "RNN0012 zero.rnn.json(4,47): The vocabulary 'zero.txt' has no line '<UNK>'; add one so that words outside the vocabulary have an index",
                "RNN0031 big.txt(1,1): RnnGen does not read this file: it is 41,943,040 bytes long, more than the 16,777,216 (16 MiB) RnnGen reads of a vocabulary",
                "RNN0031 huge.rnn.json(1,1): RnnGen does not read this file: it is 5,242,880 bytes long, more than the 4,194,304 (4 MiB) RnnGen reads of a spec",
            },
            diagnostics.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Empty(sources);
        Assert.Equal(["big.rnn.json", "fifo.rnn.json", "zero.rnn.json"], reads);
    }

    [Fact]
    [Covers("RNN0031")]
    public void A_text_the_host_holds_in_memory_is_capped_in_characters()
    {
        string huge = new string(' ', (int)InputFiles.MaxSpecBytes + 1);
        DiagnosticRun.Of((Specs.SpecFile, huge), (Specs.VocabularyFile, Specs.Words))
            .Reports(Expected.At("RNN0031", Specs.SpecFile, 1, 1, 1,
                "RnnGen does not read this file: it is 4,194,305 characters long, more than the 4,194,304 (4 MiB) RnnGen reads of a spec"))
            .GeneratesNothing();
    }

    [Fact]
    public void InputFiles_follows_links_and_tells_directories_files_and_lengths_apart()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("a.txt"), "abc");
        File.CreateSymbolicLink(temp.File("link.txt"), temp.File("a.txt"));
        Directory.CreateDirectory(temp.File("dir.txt"));

        Assert.Equal((FileState.File, 3L), InputFiles.Probe(temp.File("a.txt")));
        Assert.Equal((FileState.File, 3L), InputFiles.Probe(temp.File("link.txt")));
        Assert.Equal((FileState.Directory, 0L), InputFiles.Probe(temp.File("dir.txt")));
        Assert.Equal((FileState.NotOnDisk, 0L), InputFiles.Probe(temp.File("none.txt")));
        Assert.Equal("it is a directory", InputFiles.Refusal(temp.File("dir.txt"), 10, "a spec", out _));
        Assert.Null(InputFiles.Refusal(temp.File("a.txt"), 3, "a spec", out bool empty));
        Assert.False(empty);
        if (CanMakeSpecialFiles)
        {
            Assert.Null(InputFiles.Refusal("/dev/zero", 3, "a spec", out empty));
            Assert.True(empty);
        }
    }
}
