using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RnnGen.Generators;
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
    internal static string Describe(Diagnostic d)
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
        Assert.Equal(DiagnosticRule.DocsLocation + "#rnn0099", d.Descriptor.HelpLinkUri);
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

/// <summary>
/// Issue 9, part 5: a fault injected inside each guarded step of the generator (reading a spec, reading a vocabulary,
/// binding, the model set, writing a file) surfaces as RNN0099 at the file, with the exception's type and message,
/// and never as CS8785.
/// </summary>
public sealed class InjectedFaultTests
{
    public static TheoryData<string, bool> StepsOfTheGenerator() => new()
    {
        { RnnModelGenerator.Steps.Read, false },
        { RnnModelGenerator.Steps.Vocabulary, true },
        { RnnModelGenerator.Steps.Bind, false },
        { RnnModelGenerator.Steps.Models, false },
        { FaultInjection.Emit, false },
    };

    [Theory]
    [MemberData(nameof(StepsOfTheGenerator))]
    [Covers("RNN0099")]
    public void RNN0099_a_fault_inside_a_step_is_an_error_at_the_file_with_the_exception_s_message(string step, bool atVocabulary)
    {
        string spec = GeneratorHarness.PathOf(Specs.SpecFile);
        string vocabulary = GeneratorHarness.PathOf(Specs.VocabularyFile);
        string target = atVocabulary ? vocabulary : spec;
        int thrown = 0;
        ImmutableArray<Diagnostic> diagnostics;
        using (FaultInjection.Inject((at, path) =>
        {
            if (at != step || path != target) return null;
            thrown++;
            return new InvalidOperationException($"injected into {at}");
        }))
        {
            (diagnostics, _) = AdditionalTextRun.Run(
                new InMemoryAdditionalText(spec, Specs.Valid),
                new InMemoryAdditionalText(vocabulary, Specs.Words));
        }

        Assert.True(thrown > 0, $"the step {step} never ran for {target}");
        Assert.DoesNotContain(diagnostics, x => x.Id == "CS8785");
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(
                $"RNN0099 Error {target} (1,1)-(1,1): RnnGen failed on this file: InvalidOperationException: injected into {step}; "
                + "unless the cause is named in the message, this is a bug in RnnGen: please report it with the spec",
                InternalErrorDiagnosticTests.Describe(d));
        });
    }

    [Fact]
    public void Without_an_injected_fault_the_same_run_is_clean()
    {
        (ImmutableArray<Diagnostic> diagnostics, var sources) = AdditionalTextRun.Run(
            new InMemoryAdditionalText(GeneratorHarness.PathOf(Specs.SpecFile), Specs.Valid),
            new InMemoryAdditionalText(GeneratorHarness.PathOf(Specs.VocabularyFile), Specs.Words));
        Assert.Empty(diagnostics);
        Assert.Equal(Specs.TaggerSources.Order(), sources.Keys.Order());
    }
}
