using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators.Diagnostics;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>Assertions on the diagnostics of one in-memory generator run.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts that the run reported exactly <paramref name="expected"/> (in any order) and nothing
    /// else: id, severity, file, start and end line/column, message, help link; and that each
    /// diagnostic's character span agrees with its line/column span in the file's text.
    /// </summary>
    public static void Exactly(GeneratorOutput output, IReadOnlyList<(string FileName, string Text)> files, params Expected[] expected)
    {
        List<string> want = expected.Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
        List<string> got = output.Diagnostics.Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
        // Whole lines in the failure message: the collection diff would cut them at 50 characters.
        Assert.True(want.SequenceEqual(got, StringComparer.Ordinal),
            "Expected:\n" + string.Join("\n", want) + "\nActual:\n" + string.Join("\n", got));

        foreach (Diagnostic d in output.Diagnostics)
        {
            DiagnosticRule rule = DiagnosticRules.ById(d.Id);
            Assert.Equal(rule.HelpLink, d.Descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticRule.DocsLocation + "#" + d.Id.ToLowerInvariant(), d.Descriptor.HelpLinkUri);
            string path = d.Location.GetLineSpan().Path;
            (string FileName, string Text)? file = files.Cast<(string FileName, string Text)?>()
                .FirstOrDefault(f => GeneratorHarness.PathOf(f!.Value.FileName) == path);
            if (file is null) continue; // e.g. a file the test gave as an unreadable AdditionalText
            AssertSpanMatchesLines(d, file.Value.Text);
        }
    }

    /// <summary>The character span (TextSpan) and the line span must name the same characters of the file.</summary>
    public static void AssertSpanMatchesLines(Diagnostic d, string text)
    {
        TextSpan span = d.Location.SourceSpan;
        Assert.InRange(span.Start, 0, text.Length);
        Assert.InRange(span.End, span.Start, text.Length);
        FileLinePositionSpan lines = d.Location.GetLineSpan();
        Assert.Equal(LinePositionOf(text, span.Start), lines.StartLinePosition);
        Assert.Equal(LinePositionOf(text, span.End), lines.EndLinePosition);
    }

    /// <summary>0-based line and column of an offset, counting \r\n, \r and \n as line breaks (independent of the generator's LineMap).</summary>
    public static LinePosition LinePositionOf(string text, int offset)
    {
        int line = 0, lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue; // the \n ends the line
            if (c == '\r' || c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new LinePosition(line, offset - lineStart);
    }

    /// <summary>"RNN0006 Error tagger.rnn.json (3,35)-(3,42): message": one line a failed assertion shows whole.</summary>
    private static string Describe(Expected e)
    {
        DiagnosticRule rule = DiagnosticRules.ById(e.Id);
        string severity = rule.Severity == RuleSeverity.Error ? "Error" : "Warning";
        return $"{e.Id} {severity} {GeneratorHarness.PathOf(e.File)} ({e.Line},{e.Column})-({e.EndLine},{e.EndColumn}): {e.Message}";
    }

    private static string Describe(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        return $"{d.Id} {d.DefaultSeverity} {span.Path} ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-"
            + $"({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
