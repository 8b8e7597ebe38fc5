using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RnnGen.Generators.Diagnostics;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// However broken a file, its diagnostics are bounded: at most 100 errors per file then one RNN0032 that counts the
/// rest, and no message shows more than 80 characters of any value from the file.
/// </summary>
public sealed class BoundedDiagnosticsTests
{
    private const string Spec = Specs.SpecFile;

    private static string Message(Diagnostic d) => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    [Covers("RNN0032")]
    public void RNN0032_two_hundred_thousand_unknown_properties_give_a_hundred_errors_and_a_count()
    {
        var spec = new StringBuilder("{\n");
        for (int i = 0; i < 200_000; i++) spec.Append("\"p").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append("\": 0,\n");
        spec.Append(Specs.Valid.AsSpan(2)); // the valid spec's properties, after its "{\n"
        var watch = Stopwatch.StartNew();

        DiagnosticRun run = DiagnosticRun.Of((Spec, spec.ToString()), (Specs.VocabularyFile, Specs.Words));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal(101, run.Output.Diagnostics.Length);
        Assert.Equal(100, run.Output.Diagnostics.Count(d => d.Id == "RNN0003"));
        Diagnostic last = run.Output.Diagnostics.Single(d => d.Id == "RNN0032");
        Assert.Equal("199,900 more errors in this file are not reported, the first of them here; fix the 100 reported and build again", Message(last));
        Assert.Equal(101, last.Location.GetLineSpan().StartLinePosition.Line); // "p000100" is on line 102
        Assert.Equal(DiagnosticSeverity.Error, last.Severity);
        Assert.True(run.Output.Diagnostics.Sum(d => Message(d).Length) < 20_000);
        Assert.Empty(run.Output.Sources);
    }

    [Fact]
    [Covers("RNN0032")]
    public void RNN0032_a_vocabulary_of_bad_lines_reports_a_hundred_and_counts_the_rest()
    {
        string vocabulary = "<UNK>\n" + string.Concat(Enumerable.Repeat("\n", 130)) + "cat\n";
        DiagnosticRun run = DiagnosticRun.Of((Spec, Specs.Valid), (Specs.VocabularyFile, vocabulary));
        Assert.Equal(101, run.Output.Diagnostics.Length);
        Assert.Equal(Enumerable.Range(2, 100), run.Output.Diagnostics.Where(d => d.Id == "RNN0014").Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).Order());
        Diagnostic last = run.Output.Diagnostics.Single(d => d.Id == "RNN0032");
        Assert.Equal("30 more errors in this file are not reported, the first of them here; fix the 100 reported and build again", Message(last));
        Assert.Equal(101, last.Location.GetLineSpan().StartLinePosition.Line); // line 102, the 101st blank one
        Assert.Empty(run.Output.Sources);
    }

    [Fact]
    public void Messages_show_at_most_eighty_characters_of_a_value()
    {
        string digits = new('9', 10_000);
        string name = new('q', 1_000_000);
        string spec = Specs.Valid
            .Replace("\"size\": 4,", $"\"size\": {digits},", StringComparison.Ordinal)
            .Replace("\"tanh\"", $"\"{name}\"", StringComparison.Ordinal)
            .Replace("\"weights\"", $"\"{name}\": 1, \"weights\"", StringComparison.Ordinal);

        DiagnosticRun run = Specs.Run(spec);

        string[] messages = run.Output.Diagnostics.Select(Message).Order(StringComparer.Ordinal).ToArray();
        string q = new string('q', 80) + "… (1,000,000 characters)";
        Assert.Equal(
            [
                $"'{q}' is not an activation RnnGen knows for the hidden state (g_a); use one of 'tanh', 'relu', 'sigmoid'",
                $"Unknown property '{q}' in the spec; the properties allowed here are 'name', 'namespace', 'description', 'shape', 'a', 'x', 'y', 'weights', 'modules'",
                $"a.size must be a whole number from 1 to 4096, but it is {new string('9', 80)}… (10,000 characters)",
            ],
            messages);
    }

    [Fact]
    public void Clip_cuts_between_characters_and_says_how_long_the_value_was()
    {
        Assert.Equal("short", DiagnosticText.Clip("short"));
        Assert.Equal(new string('a', 80), DiagnosticText.Clip(new string('a', 80)));
        string pairs = string.Concat(Enumerable.Repeat("😀", 50)); // 100 UTF-16 code units
        string clipped = DiagnosticText.Clip("x" + pairs);
        Assert.Equal("x" + string.Concat(Enumerable.Repeat("😀", 39)) + "… (101 characters)", clipped);
        Assert.Equal(1000 + "… (5,000 characters)".Length, DiagnosticInfo.Create(DiagnosticRules.InvalidJson, "f", default, new string('z', 5000)).Arguments[0].Length);
    }
}
