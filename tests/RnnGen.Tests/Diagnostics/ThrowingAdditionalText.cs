using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RnnGen.Generators;
using RnnGen.Tests.Infrastructure;

namespace RnnGen.Tests.Diagnostics;

/// <summary>An additional file the host cannot read: GetText throws, as a broken IDE workspace or file system might.</summary>
internal sealed class ThrowingAdditionalText(string path, Exception exception) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => throw exception;
}

/// <summary>Runs the generator over arbitrary AdditionalTexts (the harness only makes readable in-memory ones).</summary>
internal static class AdditionalTextRun
{
    public static (ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Sources) Run(params AdditionalText[] files) =>
        Run(GeneratorHarness.ModelsDirectory, files);

    /// <summary>Runs the generator over <paramref name="files"/> with <paramref name="modelsDirectory"/> as the models folder.</summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Sources) Run(string modelsDirectory, params AdditionalText[] files)
    {
        CSharpCompilation compilation = CSharpCompilation.Create("Generated", [], [], GeneratorHarness.CompilationOptions);
        var options = new TestOptionsProvider(new Dictionary<string, string>
        {
            ["build_property.RnnGenModelsDirectory"] = modelsDirectory + Path.DirectorySeparatorChar,
        });
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new RnnModelGenerator().AsSourceGenerator()], files, GeneratorHarness.ParseOptions, options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return (diagnostics.AddRange(result.Diagnostics).Distinct().ToImmutableArray(), sources);
    }
}
