using System.Collections.Generic;
using System.Linq;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Diagnostics;

/// <summary>One generator run over some files, with assertions that know those files.</summary>
internal sealed class DiagnosticRun
{
    private DiagnosticRun((string FileName, string Text)[] files)
    {
        Files = files;
        Output = GeneratorHarness.Run(files);
    }

    public IReadOnlyList<(string FileName, string Text)> Files { get; }

    public GeneratorOutput Output { get; }

    /// <summary>Runs the generator over (file name in the models folder, text) pairs.</summary>
    public static DiagnosticRun Of(params (string FileName, string Text)[] files) => new(files);

    /// <summary>Exactly these diagnostics, nothing else.</summary>
    public DiagnosticRun Reports(params Expected[] expected)
    {
        DiagnosticAssert.Exactly(Output, Files, expected);
        return this;
    }

    /// <summary>A spec with an error generates nothing: no model, no vocabulary, no catalog.</summary>
    public DiagnosticRun GeneratesNothing()
    {
        Assert.Empty(Output.Sources);
        return this;
    }

    /// <summary>Exactly these generated files (hint names).</summary>
    public DiagnosticRun Generates(params string[] hintNames)
    {
        Assert.Equal(hintNames.OrderBy(h => h, System.StringComparer.Ordinal), Output.Sources.Keys.OrderBy(h => h, System.StringComparer.Ordinal));
        return this;
    }
}
