using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Cli;
using RnnGen.Generators;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Model;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Cli;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// A spec or vocabulary whose bytes are not UTF-8: <c>rnngen check</c> (<see cref="SpecFiles.Read"/>, compiled in from
/// src/RnnGen.Cli) and the build (the compiler's own decoding, Roslyn's <c>EncodedStringText</c>, then the generator's
/// <see cref="RnnModelGenerator.FromHostText"/>) read the same text and say the same thing: an error at the first place the
/// file stops being UTF-8. On the .NET Framework compiler, which falls back to a code page, the generator refuses the
/// first byte that is not UTF-8.
/// </summary>
public sealed class InvalidUtf8Tests
{
    private static readonly string ModelsDirectory = RepoPaths.Models + Path.DirectorySeparatorChar;

    /// <summary>Byte sequences that are not UTF-8: stray continuations, overlong forms, surrogates, past U+10FFFF, cut sequences, bytes never used.</summary>
    private static readonly byte[][] Bad =
    [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0x81], [0xC3], [0xE9], [0xE9, 0x20], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0xE2, 0x82], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xC3, 0x28], [0xFF, 0xFE],
    ];

    private static readonly Lazy<(string Path, byte[] Bytes)[]> s_specs = new(() =>
        Directory.GetFiles(RepoPaths.Models, "*.rnn.json").Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllBytes(p))).ToArray());

    private static readonly Lazy<SpecFile[]> s_vocabularies = new(() =>
        Directory.GetFiles(RepoPaths.Models, "*.txt").Order(StringComparer.Ordinal).Select(p => new SpecFile(p, File.ReadAllText(p))).ToArray());

    /// <summary>The text the compiler gives a generator for a file of these bytes: Roslyn's internal EncodedStringText.Create, as csc reads an additional file.</summary>
    private static SourceText CompilerText(byte[] bytes)
    {
        Type type = typeof(SourceText).Assembly.GetType("Microsoft.CodeAnalysis.Text.EncodedStringText", throwOnError: true)!;
        MethodInfo create = type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Single(m => m.Name == "Create" && m.GetParameters() is [{ ParameterType: var s }, { ParameterType: var e }, ..] && s == typeof(Stream) && e == typeof(Encoding));
        object?[] arguments = create.GetParameters()
            .Select(p => p.ParameterType == typeof(Stream) ? new MemoryStream(bytes) : p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        return (SourceText)create.Invoke(null, arguments)!;
    }

    /// <summary>What <c>rnngen check</c> reads: the file written to disk, read by SpecFiles, named as the spec in models/.</summary>
    private static SpecFile CheckText(string path, byte[] bytes, long maxBytes, string what)
    {
        using var temp = new TempFolder();
        string file = temp.File(Path.GetFileName(path));
        File.WriteAllBytes(file, bytes);
        return SpecFiles.Read(file, maxBytes, what) with { Path = path };
    }

    private static string[] Describe(StepResult<ModelSpec> result) =>
        result.Diagnostics.Select(d => $"{d.Id} ({d.Range.Start},{d.Range.Length}) {d.Range.StartLine + 1},{d.Range.StartColumn + 1}: {d.Message}").ToArray();

    [Fact]
    public void Check_and_the_compiler_read_a_spec_that_is_not_UTF8_alike_and_both_refuse_it_where_it_stops_being_UTF8()
    {
        Gen.Select(Gen.Int[0, s_specs.Value.Length - 1], Gen.Select(Gen.Double[0, 1], Gen.Int[0, Bad.Length - 1]).Array[1, 3]).Sample((index, insertions) =>
        {
            (string path, byte[] original) = s_specs.Value[index];
            byte[] bytes = original;
            foreach ((double at, int bad) in insertions)
            {
                int offset = (int)(at * bytes.Length);
                bytes = [.. bytes.AsSpan(0, offset), .. Bad[bad], .. bytes.AsSpan(offset)];
            }
            SpecFile build = RnnModelGenerator.FromHostText(path, CompilerText(bytes));
            SpecFile check = CheckText(path, bytes, InputFiles.MaxSpecBytes, "a spec");
            Assert.Equal(build.Text, check.Text);

            StepResult<ModelSpec> fromBuild = SpecPipeline.Check(build, s_vocabularies.Value, ModelsDirectory);
            StepResult<ModelSpec> fromCheck = SpecPipeline.Check(check, s_vocabularies.Value, ModelsDirectory);
            Assert.Equal(Describe(fromBuild), Describe(fromCheck));
            Assert.Null(fromCheck.Value);
            int replaced = build.Text.IndexOf('\uFFFD');
            if (replaced >= 0) // (else the bytes began with a byte-order mark, which both follow)
            {
                DiagnosticInfo first = Assert.Single(fromCheck.Diagnostics);
                Assert.Equal(("RNN0001", replaced), (first.Id, first.Range.Start));
                Assert.Contains("U+FFFD, the replacement character, stands here", first.Message, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void A_vocabulary_that_is_not_UTF8_is_refused_at_its_line_by_both()
    {
        string path = Path.Combine(RepoPaths.Models, "dna-sites.vocab.txt");
        byte[] bytes = [.. Encoding.UTF8.GetBytes("<UNK>\nA\nC\n"), 0x47, 0xE9, .. Encoding.UTF8.GetBytes("\nT\nN\n")];
        SpecFile build = RnnModelGenerator.FromHostText(path, CompilerText(bytes));
        SpecFile check = CheckText(path, bytes, InputFiles.MaxVocabularyBytes, "a vocabulary");
        Assert.Equal(build, check);
        VocabularyFile read = VocabularyReader.Read(check);
        DiagnosticInfo d = Assert.Single(read.Diagnostics);
        Assert.Equal(("RNN0014", 3, 1), (d.Id, d.Range.StartLine, d.Range.StartColumn));
        Assert.StartsWith("Line 4 of the vocabulary is not text RnnGen reads: U+FFFD, the replacement character, stands here", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compiler_that_falls_back_to_a_code_page_gets_the_first_byte_that_is_not_UTF8_refused_at_its_place()
    {
        // The .NET Framework compiler of older Visual Studio reads a file that is not UTF-8 in the system's code page.
        Encoding cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        (string path, byte[] original) = s_specs.Value[0];
        int offset = Array.IndexOf(original, (byte)'\n', Array.IndexOf(original, (byte)'\n') + 1) + 5; // line 3, column 5
        byte[] bytes = [.. original.AsSpan(0, offset), 0xE9, .. original.AsSpan(offset)];
        SpecFile build = RnnModelGenerator.FromHostText(path, SourceText.From(new MemoryStream(bytes), cp1252));
        Assert.Equal((offset, (byte)0xE9), (build.NotUtf8At, build.NotUtf8Byte));
        DiagnosticInfo d = Assert.Single(SpecPipeline.Check(build, s_vocabularies.Value, ModelsDirectory).Diagnostics);
        Assert.Equal(("RNN0001", 2, 4), (d.Id, d.Range.StartLine, d.Range.StartColumn));
        Assert.Equal("The spec is not valid JSON: byte 0xE9 here is not UTF-8, and the file has no byte-order mark naming another encoding; save it as UTF-8", d.Message);
        // A text of valid UTF-8 the host read as UTF-8 is not marked.
        Assert.Equal(-1, RnnModelGenerator.FromHostText(path, CompilerText(original)).NotUtf8At);
    }
}
