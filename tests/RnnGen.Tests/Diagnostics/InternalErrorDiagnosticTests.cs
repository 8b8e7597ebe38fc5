using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Specs;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// RNN0099: an exception inside the generator becomes an error at the file instead of the
/// compiler's generic CS8785 "generator failed" warning (which would also drop every generated file).
/// </summary>
public sealed class InternalErrorDiagnosticTests
{
    private static string Describe(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        return $"{d.Id} {d.Severity} {span.Path} ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-"
            + $"({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    [Fact]
    [Covers("RNN0099")]
    public void RNN0099_spec_the_host_cannot_read_is_an_error_at_the_spec_not_CS8785()
    {
        string spec = GeneratorHarness.PathOf(Specs.SpecFile);
        (ImmutableArray<Diagnostic> diagnostics, var sources) = AdditionalTextRun.Run(
            new ThrowingAdditionalText(spec, new IOException("The disk went away.")),
            new InMemoryAdditionalText(GeneratorHarness.PathOf(Specs.VocabularyFile), Specs.Words));

        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal(
            $"RNN0099 Error {spec} (1,1)-(1,1): RnnGen failed on this file: the build could not read the file (IOException: The disk went away.); "
            + "unless the cause is named in the message, this is a bug in RnnGen: please report it with the spec",
            Describe(d));
        Assert.Equal("docs/diagnostics.md#rnn0099", d.Descriptor.HelpLinkUri);
        Assert.DoesNotContain(diagnostics, x => x.Id == "CS8785");
        Assert.Empty(sources);
    }

    [Fact]
    [Covers("RNN0099")]
    public void RNN0099_vocabulary_the_host_cannot_read_is_an_error_at_the_vocabulary()
    {
        string vocabulary = GeneratorHarness.PathOf(Specs.VocabularyFile);
        (ImmutableArray<Diagnostic> diagnostics, var sources) = AdditionalTextRun.Run(
            new InMemoryAdditionalText(GeneratorHarness.PathOf(Specs.SpecFile), Specs.Valid),
            new ThrowingAdditionalText(vocabulary, new UnauthorizedAccessException("Access denied.")));

        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal(
            $"RNN0099 Error {vocabulary} (1,1)-(1,1): RnnGen failed on this file: the build could not read the file (UnauthorizedAccessException: Access denied.); "
            + "unless the cause is named in the message, this is a bug in RnnGen: please report it with the spec",
            Describe(d));
        Assert.DoesNotContain(diagnostics, x => x.Id == "CS8785");
        Assert.Empty(sources);
    }

    [Fact]
    public void Unreadable_text_file_that_no_spec_uses_is_ignored()
    {
        (ImmutableArray<Diagnostic> diagnostics, var sources) = AdditionalTextRun.Run(
            new InMemoryAdditionalText(GeneratorHarness.PathOf(Specs.SpecFile), Specs.Valid),
            new InMemoryAdditionalText(GeneratorHarness.PathOf(Specs.VocabularyFile), Specs.Words),
            new ThrowingAdditionalText(GeneratorHarness.PathOf("notes.txt"), new IOException("locked")));

        Assert.Empty(diagnostics);
        Assert.Equal(Specs.TaggerSources.Order(), sources.Keys.Order());
    }

    [Fact]
    [Covers("RNN0099")]
    public void RNN0099_an_exception_in_a_step_names_its_type_and_message_at_the_start_of_the_file()
    {
        DiagnosticInfo info = SpecPipeline.InternalError("/models/tagger.rnn.json", new InvalidOperationException("boom"));

        Assert.Equal("RNN0099", info.Id);
        Assert.Equal("/models/tagger.rnn.json", info.FilePath);
        Assert.Equal(default, info.Range);
        Assert.Equal(
            "RnnGen failed on this file: InvalidOperationException: boom; unless the cause is named in the message, this is a bug in RnnGen: please report it with the spec",
            info.Message);
        Diagnostic d = RoslynDiagnostics.ToDiagnostic(info);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(info.Message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("/models/tagger.rnn.json", d.Location.GetLineSpan().Path);
    }

    [Fact]
    public void The_pure_pipeline_reports_an_unreadable_spec_as_RNN0099()
    {
        StepResult<Generators.Model.ModelSpec> result = SpecPipeline.Check(
            new SpecFile("/models/tagger.rnn.json", "", "the build could not read the file (IOException: gone)"), [], "/models");
        Assert.Null(result.Value);
        DiagnosticInfo info = Assert.Single(result.Diagnostics);
        Assert.Equal("RNN0099", info.Id);
        Assert.StartsWith("RnnGen failed on this file: the build could not read the file (IOException: gone);", info.Message, StringComparison.Ordinal);
    }
}
