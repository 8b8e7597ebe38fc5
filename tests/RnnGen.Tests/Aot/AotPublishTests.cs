using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RnnGen.Models;
using RnnGen.Tests.Infrastructure;
using RnnGen.Tests.Package;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Aot;

/// <summary>
/// samples/AotTagger, an application with a generated model (the shipped NameTagger), published with Native AOT and,
/// separately, trimmed: neither publish may warn (warnings are errors in this repository, and the test also reads
/// the log), and each binary must tag the example sentence exactly as the model compiled into this test assembly
/// does. Sizes and start-up times go to the test log (docs/aot.md has the figures).
/// </summary>
[Trait("Category", "Publish")]
public sealed class AotPublishTests(ITestOutputHelper log)
{
    private const string Sentence = "Sam Li and Tom date on Tuesday.";

    private static string Sample => Path.Combine(RepoPaths.Root, "samples", "AotTagger");

    /// <summary>What the sample prints, computed here with the same generated model under the JIT.</summary>
    private static string Expected()
    {
        NameTagger model = NameTagger.Load(Path.Combine(RepoPaths.Models, "name-tagger.safetensors"));
        NameTagger.Output[] outputs = model.Forward(Sentence);
        var text = new StringBuilder();
        var words = NameTagger.Tokenize(Sentence);
        for (int t = 0; t < words.Count; t++)
        {
            float p = outputs[t].Person;
            text.Append(CultureInfo.InvariantCulture, $"{words[t],-8} {p.ToString("0.0000", CultureInfo.InvariantCulture)}{(p >= 0.5f ? "  person" : "")}\n");
        }
        return text.ToString();
    }

    private string Publish(string output, params string[] extra)
    {
        DotnetResult publish = Dotnet.Run(Sample, ["publish", "-c", "Release", "-r", "linux-x64", "-o", output, .. Dotnet.BuildFlags, .. extra]);
        log.WriteLine(publish.Output);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        string[] warnings = publish.Output.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, "the publish warned:\n" + string.Join("\n", warnings));
        return Path.Combine(output, "AotTagger");
    }

    private void RunsAndTags(string binary)
    {
        var times = new double[5];
        string stdout = "";
        for (int i = 0; i < times.Length; i++)
        {
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string word in Sentence.Split(' ')) start.ArgumentList.Add(word);
            var clock = Stopwatch.StartNew();
            using Process p = Process.Start(start)!;
            stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "the binary did not finish");
            times[i] = clock.Elapsed.TotalMilliseconds;
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}\n{stdout}{stderr}");
        }
        Assert.Equal(Expected(), stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        string folder = Path.GetDirectoryName(binary)!;
        long published = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".safetensors", StringComparison.Ordinal) && !f.EndsWith(".dbg", StringComparison.Ordinal)
                && !f.EndsWith(".pdb", StringComparison.Ordinal) && !f.EndsWith(".xml", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);
        log.WriteLine($"{binary}: {new FileInfo(binary).Length:N0} bytes; the application without weights, symbols and docs: {published:N0} bytes; "
            + $"start to exit, 5 runs: {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms");
    }

    [Fact]
    public void The_sample_publishes_with_Native_AOT_without_a_warning_and_its_binary_tags_the_sentence()
    {
        string output = Directory.CreateTempSubdirectory("rnngen-aot").FullName;
        try
        {
            string binary = Publish(output);
            Assert.False(File.Exists(Path.Combine(output, "AotTagger.dll")), "not a native AOT publish: AotTagger.dll is there");
            Assert.True(File.Exists(Path.Combine(output, "models", "name-tagger.safetensors")));
            RunsAndTags(binary);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void The_sample_publishes_trimmed_and_self_contained_without_a_warning_and_tags_the_sentence()
    {
        string output = Directory.CreateTempSubdirectory("rnngen-trimmed").FullName;
        try
        {
            string binary = Publish(output, "-p:AotTaggerPublish=trimmed");
            Assert.True(File.Exists(Path.Combine(output, "AotTagger.dll")), "not a trimmed IL publish");
            Assert.True(File.Exists(Path.Combine(output, "libcoreclr.so")), "not self-contained");
            RunsAndTags(binary);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }
}
