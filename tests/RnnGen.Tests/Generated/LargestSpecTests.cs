using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Generated;

/// <summary>
/// The largest specs the checks accept build warning-free, and the generator's time and memory for them are bounded.
/// By default the vocabulary has a million short tokens (6 MB); with RNNGEN_FULL_LIMITS=1 it is the largest file
/// read (a million tokens filling 16 MiB), figures in docs/reliability.md.
/// </summary>
public sealed class LargestSpecTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static bool Full => Environment.GetEnvironmentVariable("RNNGEN_FULL_LIMITS") == "1";

    private static (GeneratorOutput Output, TimeSpan Elapsed, long Allocated) Generate(params (string, string)[] files)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        GeneratorOutput output = GeneratorHarness.Run(files);
        return (output, watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_vocabulary_of_a_million_tokens_builds_and_the_generator_stays_within_its_bounds()
    {
        var vocabulary = new StringBuilder("<UNK>\n");
        for (int i = 1; i < SpecReader.MaxInputSize; i++)
        {
            string token = "w" + i.ToString(CultureInfo.InvariantCulture);
            vocabulary.Append(Full ? token.PadRight(15, 'x') : token).Append('\n');
        }
        Assert.True(vocabulary.Length <= InputFiles.MaxVocabularyBytes);
        const string spec = """
            { "name": "Big", "a": { "size": 16, "activation": "tanh" }, "x": { "encoding": "one-hot", "vocabulary": "big.txt" },
              "y": { "size": 1, "activation": "sigmoid" }, "weights": "big.safetensors" }
            """;

        (GeneratorOutput output, TimeSpan elapsed, long allocated) = Generate(("big.rnn.json", spec), ("big.txt", vocabulary.ToString()));

        Assert.Empty(output.Diagnostics);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the generator took {elapsed}");
        Assert.True(allocated < 2L << 30, $"the generator allocated {allocated >> 20} MB");
        // No string literal per token (CS8103 would stop the build): the tokens are the lines of one UTF-8 literal.
        string source = output.Sources["RnnGen.Models.Big.Vocabulary.g.cs"];
        Assert.DoesNotContain("\"w1\"", source, StringComparison.Ordinal);
        Assert.Contains("\nw999999", source, StringComparison.Ordinal);

        var compile = Stopwatch.StartNew();
        Assembly assembly = GeneratorHarness.CompileAndLoad(output);
        log.WriteLine($"vocabulary of {vocabulary.Length:#,0} characters: generator {elapsed}, {allocated >> 20} MB allocated; compile {compile.Elapsed}; "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB");
        var tokens = (IReadOnlyList<string>)assembly.GetType("RnnGen.Models.Big")!.GetProperty("Vocabulary")!.GetValue(null)!
            .GetType().GetProperty("Tokens")!.GetValue(assembly.GetType("RnnGen.Models.Big")!.GetProperty("Vocabulary")!.GetValue(null))!;
        Assert.Equal(SpecReader.MaxInputSize, tokens.Count);
        Assert.Equal(vocabulary.ToString().Split('\n')[999_999], tokens[999_999]);
    }

    [Fact]
    public void A_hundred_thousand_labels_build_as_data_without_properties()
    {
        string labels = "[" + string.Join(", ", Enumerable.Range(0, SpecReader.MaxOutputSize).Select(i => $"\"label \\\"{i}\\\" of {SpecReader.MaxOutputSize}\"")) + "]";
        string spec = $$"""
            { "name": "Wide", "a": { "size": 4, "activation": "tanh" }, "x": { "encoding": "dense", "size": 2 },
              "y": { "size": {{SpecReader.MaxOutputSize}}, "activation": "softmax", "labels": {{labels}} }, "weights": "w.safetensors" }
            """;

        (GeneratorOutput output, TimeSpan elapsed, long allocated) = Generate(("wide.rnn.json", spec));
        log.WriteLine($"100,000 labels: generator {elapsed}, {allocated >> 20} MB allocated");

        Microsoft.CodeAnalysis.Diagnostic warning = Assert.Single(output.Diagnostics);
        Assert.Equal("RNN0033", warning.Id);
        Assert.Contains("all 100,000 of them, since a model with more than 1,000 labels gets no label properties", warning.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the generator took {elapsed}");
        Assembly assembly = GeneratorHarness.CompileAndLoad(output);
        var read = (IReadOnlyList<string>)assembly.GetType("RnnGen.Models.Wide")!.GetProperty("Labels")!.GetValue(null)!;
        Assert.Equal(SpecReader.MaxOutputSize, read.Count);
        Assert.Equal("label \"99999\" of 100000", read[99_999]);
    }

    [Theory]
    [InlineData("lstm", 1024, 8)]
    [InlineData("gru", 4, 3)]
    [InlineData("rnn", 4, 3)]
    public void Deep_bidirectional_stacks_build(string cell, int size, int layers)
    {
        // Three layers or more swap the row buffers twice, which once declared one local twice (CS0128).
        string activation = cell == "rnn" ? ", \"activation\": \"tanh\"" : "";
        string spec = $$"""
            { "name": "Deep", "a": { "size": {{size}}, "cell": "{{cell}}", "layers": {{layers}}, "bidirectional": true{{activation}} },
              "x": { "encoding": "one-hot", "size": 1000, "embedding": 16 }, "y": { "size": 10, "activation": "softmax" }, "weights": "d.safetensors" }
            """;
        (GeneratorOutput output, _, _) = Generate(("deep.rnn.json", spec));
        Assert.Empty(output.Diagnostics);
        GeneratorHarness.CompileAndLoad(output);
    }
}
