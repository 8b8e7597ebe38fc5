using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RnnGen.Generators;

namespace RnnGen.Tests.Infrastructure;

/// <summary>What one in-memory run of the generator produced.</summary>
internal sealed record GeneratorOutput(
    IReadOnlyDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> Diagnostics,
    Compilation Compilation,
    GeneratorDriver Driver,
    ImmutableArray<AdditionalText> AdditionalTexts);

/// <summary>
/// Runs the RnnGen generator in memory over spec and vocabulary files, and compiles and loads what
/// it emits, with nullable enabled and warnings as errors, as a consuming project would.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>A directory that looks like a models folder on any OS; nothing is written there.</summary>
    public static readonly string ModelsDirectory = Path.Combine(Path.GetTempPath(), "rnngen-tests", "models");

    public static string PathOf(string fileName) => Path.Combine(ModelsDirectory, fileName);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        // The framework's assemblies only: the test assembly itself already holds the shipped models.
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = tpa.Split(Path.PathSeparator).Where(p => p.Length > 0 && Path.GetDirectoryName(p) == framework).ToList();
        paths.Add(typeof(RnnGen.VectorMath).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithDeterministic(true);

    /// <summary>Runs the generator over files given as (file name in the models folder, text).</summary>
    public static GeneratorOutput Run(IEnumerable<(string FileName, string Text)> files, IEnumerable<string>? extraSources = null, string assemblyName = "Generated")
    {
        var additional = files.Select(f => (AdditionalText)new InMemoryAdditionalText(PathOf(f.FileName), f.Text)).ToImmutableArray();
        var trees = (extraSources ?? Array.Empty<string>()).Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)).ToArray();
        CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees, s_references.Value, CompilationOptions);
        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RnnGenModelsDirectory"] = ModelsDirectory + Path.DirectorySeparatorChar });
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new RnnModelGenerator().AsSourceGenerator() },
            additional,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorOutput(sources, diagnostics.AddRange(result.Diagnostics).Distinct().ToImmutableArray(), output, driver, additional);
    }

    public static GeneratorOutput Run(params (string FileName, string Text)[] files) => Run(files, null);

    /// <summary>Compiles the generator's output; fails with every compiler diagnostic when it does not compile warning-free.</summary>
    public static Assembly CompileAndLoad(GeneratorOutput output)
    {
        using var stream = new MemoryStream();
        var emit = output.Compilation.Emit(stream);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!emit.Success || problems.Count > 0)
        {
            throw new InvalidOperationException("The generated code does not compile warning-free:\n" + string.Join("\n", problems.Take(30)));
        }
        stream.Position = 0;
        var context = new AssemblyLoadContext("rnngen-test-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }
}
